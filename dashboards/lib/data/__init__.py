"""All data access of the dashboards: SQL over the Parquet files of the current serving release,
always limited to the caller's ``access.Scope``. One module per subject (``org``, ``measures``,
``attendance``, ``tukin``, ``discipline``, ``performance``, ``reform``, ``integrity``,
``staffing``, ``promotion``, ``outputs``, ``activities``, ``development``, ``quality``,
``periods``, ``labels``), each query in a ``.sql``
file beside them, loaded by name and run by :func:`run`.

Why this shape: the dashboards never open the warehouse ``.duckdb`` file, so they can never block
a pipeline run. Each query opens a fresh in-memory DuckDB connection over the release's Parquet
files, closed straight after; only the resulting DataFrames are cached, keyed on the release and
the scope, so a new publication (a new id in ``CURRENT``) is picked up on the next rerun while
the old release stays readable.

Every connection carries, before the query runs:

- a view per mart (or quality table) the query names, called like the mart;
- the scope (eperf.scoping, shared with ``eperf export``, deny by default): ``scope_units``,
  ``visible_months`` and ``scope_subtree(unit)``, and the scope's top units ``scope_tops``
  (``org.sql``); whatever unit, NIP or search text a page passes only narrows those rows;
- the small-group suppression (``suppression.sql``): ``suppressed(size)``, ``shown(figure,
  size)`` and the group sizes ``unit_heads``; every aggregate query passes its figures through
  them, so an aggregate-only role never gets a figure of a group smaller than
  ``access.SMALL_GROUP_MIN_EMPLOYEES``;
- the R5 measures of fct_unit_monthly rows (``measures.sql``): one definition for every page;
- the terms of the data-quality queries (``quality.sql``).

Values are bound, as ``$name`` parameters named for what they hold or as variables; the only text
spliced into SQL is the names of marts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, Scope
from eperf.config import Settings
from eperf.scoping import MONTHS_MART, SCOPE_MARTS, scoped_connection, set_variables
from eperf.serving import MANIFEST, RELEASES, current_release_dir, mart_source, quality_source

CACHE_TTL_SECONDS = 600
CACHE_MAX_ENTRIES = 256
# Rows of a per-employee list (referrals, flags, promotion): a screenful to act on, not an
# export; the counts per unit above each list are complete. Formatting thousands of rows for
# display costs seconds (benchmark), so the lists stop here and say so.
PERSON_LIST_LIMIT = 500
SQL_DIR = Path(__file__).parent
# Marts every page needs: a release lacking one of them is not served.
REQUIRED_MARTS = (
    "dim_org_unit",
    "dim_employee",
    "fct_unit_monthly",
    "fct_employee_monthly",
    "fct_attendance_daily",
    "fct_tukin_lines",
    "fct_discipline_referral",
    "fct_integrity_flags",
    "rpt_rb_indicators",
    "fct_staffing_adequacy",
    "fct_staffing_projection",
    "dim_staffing_band",
    "fct_promotion_eligibility",
)
# Marts of pages added after the first releases: a release without one still serves every other
# page, whose queries then return empty frames.
OPTIONAL_MARTS = (
    "fct_output_realisation",
    "fct_output_realisation_unit",
    "fct_development_map",
    "fct_quarantined_rows",
    "fct_marked_employee_months",
    "dim_period",
    "dim_code_label",
    "fct_activity_reports",
    "fct_review_backlog",
    "dim_policy_parameter",
)
# The release's bookkeeping tables (eperf.serving.QUALITY_TABLES), optional as above.
QUALITY_TABLES = ("load_batches", "check_results")
# SQL run on every connection after the scope, in this order.
SETUP_SQL = ("org", "suppression", "measures", "quality")
_PARAM_NAME = re.compile(r"\$([A-Za-z_]\w*)")
_MART_NAME = re.compile(
    r"\b(" + "|".join((*REQUIRED_MARTS, *OPTIONAL_MARTS, *QUALITY_TABLES)) + r")\b"
)

F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class Release:
    """The serving release a page run reads; ``release_id`` is part of every cache key."""

    serving_dir: str
    release_id: str
    published_at: str | None
    rule_set: str | None


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a manifest missing or unreadable only loses the footer
        return {}


def current_release(serving_dir: Path | None = None) -> Release | None:
    """The release ``CURRENT`` points at, or None before the first usable publication.

    Not cached: reading ``CURRENT`` and the manifest is cheap and is how a new release is noticed.
    """
    serving_dir = serving_dir or Settings.from_env().serving_dir
    release_dir = current_release_dir(serving_dir)
    if release_dir is None:
        return None
    if any(mart_source(release_dir, mart) is None for mart in REQUIRED_MARTS):
        return None
    manifest = _manifest(release_dir)
    return Release(
        serving_dir=str(serving_dir),
        release_id=release_dir.name,
        published_at=manifest.get("published_at"),
        rule_set=manifest.get("rule_set"),
    )


def release_dir(release: Release) -> Path:
    """The release's folder, built from its id (not ``CURRENT``) so a query and its cache key
    always name the same release."""
    return Path(release.serving_dir) / RELEASES / release.release_id


def release_manifest(release: Release) -> dict:
    """The manifest of the release a page shows (export provenance, row counts)."""
    return _manifest(release_dir(release))


def source(release: Release, name: str) -> str | None:
    """The ``read_parquet`` argument of a mart or quality table of the release, None when the
    release does not hold it."""
    folder = release_dir(release)
    if name in QUALITY_TABLES:
        return quality_source(folder, name)
    return mart_source(folder, name)


@cache
def load_sql(name: str) -> str:
    """The text of ``<name>.sql`` beside this package's modules."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _sources(release: Release, texts: list[str]) -> dict[str, str | None]:
    """Every mart and quality table the SQL ``texts`` read → its read_parquet argument (None
    when the release lacks it)."""
    names = {*SCOPE_MARTS, MONTHS_MART}.union(*(_MART_NAME.findall(text) for text in texts))
    return {name: source(release, name) for name in sorted(names)}


def run(
    query: str,
    release: Release,
    scope: Scope,
    *,
    builds_on: tuple[str, ...] = (),
    if_missing: pd.DataFrame | None = None,
    **params: object,
) -> pd.DataFrame:
    """Run ``<query>.sql`` over the release for the scope and return its rows.

    ``builds_on`` names SQL files run first, after the setup SQL (views the query reads).
    ``params`` bind the query's ``$name`` parameters (only those it names: DuckDB rejects extra
    ones). When the release lacks a mart the SQL reads, the result is ``if_missing`` if given;
    otherwise the query fails as on a missing file.
    """
    setup = [load_sql(name) for name in (*SETUP_SQL, *builds_on)]
    sql = load_sql(query)
    sources = _sources(release, [*setup, sql])
    if if_missing is not None and None in sources.values():
        return if_missing.copy()
    folder = release_dir(release)
    paths = {name: path or str(folder / f"{name}.parquet") for name, path in sources.items()}
    used = set(_PARAM_NAME.findall(sql))
    with scoped_connection(paths, scope) as con:
        min_size = SMALL_GROUP_MIN_EMPLOYEES if scope.suppress_small_groups else 0
        set_variables(con, {"min_group_size": min_size, **_permissions(scope)})
        for text in setup:
            con.execute(text)
        return con.execute(sql, {k: v for k, v in params.items() if k in used}).df()


def _permissions(scope: Scope) -> dict[str, bool]:
    """What the scope may read beyond its units' aggregates, as variables of the SQL."""
    return {
        "may_see_quality": scope.may_see_quality,
        "may_see_quarantine_rows": scope.may_see_quarantine_rows,
    }


def cached(func: F) -> F:
    """Cache a data function's frames per release, scope and arguments (bounded)."""
    return st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)(
        func
    )
