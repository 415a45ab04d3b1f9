"""All data access of the dashboards: SQL over the Parquet files of the current serving release.

Why this shape (research/tech_style.md, Pitfall 1a): the dashboards never open the warehouse
``.duckdb`` file, so they can never block a pipeline run. Each query opens a fresh in-memory
``duckdb.connect()`` that reads the release's Parquet files and is closed straight after; only
the resulting DataFrames are cached, keyed on the release id, so a new publication (a new id in
``CURRENT``) is picked up on the next rerun while the old release stays readable. File paths and
filter values are bound parameters; the only text spliced into SQL is the constants below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from eperf.config import Settings
from eperf.serving import RELEASES, current_release_dir, release_manifest

CACHE_TTL_SECONDS = 600
CACHE_MAX_ENTRIES = 64
REQUIRED_MARTS = ("fct_employee_monthly", "dim_org_unit")
ATTENTION_MIN_HEADCOUNT = 5
ATTENTION_LIMIT = 10

# The measures of the overview, over rows ``m`` of fct_employee_monthly (grain: employee × period).
# One definition for every grouping so a number never differs between two tables (R5).
_MEASURES = """
    count(distinct m.nip) as headcount,
    sum(m.assigned_workdays)::bigint as workdays,
    sum(m.hadir_days)::bigint as hadir_days,
    sum(m.tk_days)::bigint as tk_days,
    (sum(m.tl1_count) + sum(m.tl2_count) + sum(m.tl3_count) + sum(m.tl4_count))::bigint
        as tl_count,
    (sum(m.psw1_count) + sum(m.psw2_count) + sum(m.psw3_count) + sum(m.psw4_count))::bigint
        as psw_count,
    avg(m.capaian_pct)::double as avg_capaian_pct,
    sum(m.tukin_potential_idr)::bigint as tukin_potential_idr,
    sum(m.tukin_net_idr)::bigint as tukin_net_idr,
    100 * sum(m.hadir_days)::double / nullif(sum(m.hadir_days) + sum(m.tk_days), 0)
        as attendance_rate_pct,
    100 * sum(m.tk_days)::double / nullif(sum(m.assigned_workdays), 0) as tk_rate_pct,
    100 * sum(m.tukin_net_idr)::double / nullif(sum(m.tukin_potential_idr), 0)
        as realisation_pct
"""

# Employees are mapped to units by fct_employee_monthly.unit_id → dim_org_unit; a left join so
# an employee whose unit is missing from the dimension still counts in the totals.
_MONTHLY_WITH_UNIT = """
    read_parquet($fct) as m
    left join read_parquet($dim) as u on u.unit_id = m.unit_id
"""

_PERIOD_SUMMARY_SQL = f"""
select m.period, {_MEASURES}
from read_parquet($fct) as m
group by m.period
order by m.period
"""

_ESELON1_SUMMARY_SQL = f"""
select u.eselon1_unit_id, u.eselon1_unit_name, {_MEASURES}
from {_MONTHLY_WITH_UNIT}
where m.period = $period
group by u.eselon1_unit_id, u.eselon1_unit_name
order by u.eselon1_unit_name nulls last, u.eselon1_unit_id
"""

_UNITS_NEEDING_ATTENTION_SQL = f"""
select m.unit_id, u.unit_name, u.eselon1_unit_id, u.eselon1_unit_name, {_MEASURES}
from {_MONTHLY_WITH_UNIT}
where m.period = $period
group by m.unit_id, u.unit_name, u.eselon1_unit_id, u.eselon1_unit_name
having count(distinct m.nip) >= $min_headcount
order by tk_rate_pct desc nulls last, headcount desc, m.unit_id
limit $limit
"""


@dataclass(frozen=True)
class Release:
    """The serving release a page run reads; ``release_id`` is the cache key of every query."""

    serving_dir: str
    release_id: str
    published_at: str | None
    rule_set: str | None


def current_release(serving_dir: Path | None = None) -> Release | None:
    """The release ``CURRENT`` points at, or None before the first usable publication.

    Not cached: reading ``CURRENT`` and the manifest is cheap and is how a new release is noticed.
    """
    serving_dir = serving_dir or Settings.from_env().serving_dir
    release_dir = current_release_dir(serving_dir)
    if release_dir is None:
        return None
    if any(not (release_dir / f"{mart}.parquet").exists() for mart in REQUIRED_MARTS):
        return None
    try:
        manifest = release_manifest(serving_dir) or {}
    except (OSError, ValueError):  # a manifest missing or unreadable only loses the footer
        manifest = {}
    return Release(
        serving_dir=str(serving_dir),
        release_id=release_dir.name,
        published_at=manifest.get("published_at"),
        rule_set=manifest.get("rule_set"),
    )


def _parquet(serving_dir: str, release_id: str, mart: str) -> str:
    """Path of one mart's Parquet file in the given release (built from the id, not ``CURRENT``,
    so a query and its cache key always name the same release)."""
    return str(Path(serving_dir) / RELEASES / release_id / f"{mart}.parquet")


def _query(sql: str, params: dict[str, object]) -> pd.DataFrame:
    """Run one parameterised query on a fresh in-memory DuckDB connection, closed afterwards."""
    with duckdb.connect() as con:
        return con.execute(sql, params).df()


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)
def period_summary(serving_dir: str, release_id: str) -> pd.DataFrame:
    """Overview measures per period, all periods, oldest first.

    Grain: one row per period. Source: fct_employee_monthly.
    """
    fct = _parquet(serving_dir, release_id, "fct_employee_monthly")
    return _query(_PERIOD_SUMMARY_SQL, {"fct": fct})


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)
def eselon1_summary(serving_dir: str, release_id: str, period: str) -> pd.DataFrame:
    """Overview measures per eselon I unit for one period (eselon I null: unit not mapped).

    Grain: one row per eselon I unit. Source: fct_employee_monthly ⋈ dim_org_unit.
    """
    params = {
        "fct": _parquet(serving_dir, release_id, "fct_employee_monthly"),
        "dim": _parquet(serving_dir, release_id, "dim_org_unit"),
        "period": period,
    }
    return _query(_ESELON1_SUMMARY_SQL, params)


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)
def units_needing_attention(
    serving_dir: str,
    release_id: str,
    period: str,
    min_headcount: int = ATTENTION_MIN_HEADCOUNT,
    limit: int = ATTENTION_LIMIT,
) -> pd.DataFrame:
    """The units (direct members) with the highest TK rate in one period, with their eselon I.

    Grain: one row per unit with at least ``min_headcount`` employees, at most ``limit`` rows.
    Source: fct_employee_monthly ⋈ dim_org_unit.
    """
    params = {
        "fct": _parquet(serving_dir, release_id, "fct_employee_monthly"),
        "dim": _parquet(serving_dir, release_id, "dim_org_unit"),
        "period": period,
        "min_headcount": min_headcount,
        "limit": limit,
    }
    return _query(_UNITS_NEEDING_ATTENTION_SQL, params)
