"""Data quality for the Kualitas data page and the statement's quarantine warning: the
quarantine, the employee-months it marks, the checks and the loads of the release.

Sources, all published by eperf.serving: the marts ``fct_quarantined_rows`` (one row per rejected
source row per batch) and ``fct_marked_employee_months`` (employee-months a held row may change),
and the release's ``_quality`` tables ``load_batches`` (the load log) and ``check_results`` (the
latest rows of each check suite). A release published before them serves every other page; these
functions then return empty frames with their columns.

Who sees what, in SQL (deny by default): the aggregates (counts by day, source, table and reason;
checks; loads; marked months per period) need ``Scope.may_see_quality`` (ADMIN_DATA, MENTERI); the
rows themselves (raw text, detail, scope), the check samples and the marked employee-months by NIP
need ``Scope.may_see_quarantine_rows`` (ADMIN_DATA only). The reasons of one employee-month (the
statement) need that month to be visible to the scope, as every statement query.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, release_manifest, run, source

# The quality files a release may hold, each optional.
QUALITY_SOURCES = (
    "fct_quarantined_rows",
    "fct_marked_employee_months",
    "load_batches",
    "check_results",
)
# Device export files are quarantined under their file name ("<device>/<file>"); they are all
# rows of one source table, the device export (ingestion.punches.OBJECT), as in the load log.
DEVICE_EXPORT = "device_export"
ROW_LIST_LIMIT = 500  # rows shown on the page; the CSV holds up to DOWNLOAD_LIMIT
DOWNLOAD_LIMIT = 100_000

COLUMNS = {
    "by_day": (
        "quarantined_on",
        "source",
        "source_table",
        "reason",
        "held_rows",
        "resolved_rows",
        "total_rows",
    ),
    "rows": (
        "is_active",
        "quarantined_on",
        "ingested_at",
        "source",
        "source_table",
        "source_object",
        "source_row_number",
        "reason",
        "detail",
        "raw_text",
        "scope_kind",
        "scope_value",
        "first_date",
        "last_date",
        "resolved_at",
        "resolution",
        "batch_id",
    ),
    "marked": ("nip", "period", "unit_id", "unit_name", "quarantined_rows", "reasons"),
    "marked_by_period": ("period", "employee_months", "units", "quarantined_rows"),
    "checks": (
        "suite",
        "source",
        "source_table",
        "blocking",
        "success",
        "failed_expectations",
        "element_count",
        "validated_at",
    ),
    "check_failures": (
        "suite",
        "blocking",
        "expectation",
        "column_name",
        "unexpected_count",
        "element_count",
        "unexpected_sample",
    ),
    "loads_by_source": (
        "source",
        "ingested_at",
        "objects",
        "rows_in",
        "rows_loaded",
        "rows_merged",
        "rows_quarantined",
    ),
    "loads_by_table": (
        "source",
        "source_object",
        "ingested_at",
        "rows_in",
        "rows_loaded",
        "rows_merged",
        "rows_quarantined",
    ),
    "month_mark": ("quarantined_rows", "reasons"),
}


def available(release: Release) -> dict[str, bool]:
    """Which of the quality files (QUALITY_SOURCES) the release holds."""
    return {name: source(release, name) is not None for name in QUALITY_SOURCES}


def _run(
    kind: str, release: Release, scope: Scope, builds_on: tuple[str, ...] = (), **params: object
) -> pd.DataFrame:
    """``quality__<kind>.sql`` over the release; the empty frame of ``kind`` when the release
    lacks a file it reads."""
    empty = pd.DataFrame(columns=list(COLUMNS[kind]))
    return run(f"quality__{kind}", release, scope, builds_on=builds_on, if_missing=empty, **params)


# The latest rows of each check suite, which both check queries read.
_LATEST_CHECKS = ("quality__latest_check_results",)


def release_quality(release: Release, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Row counts of the release's marts and of the raw sources it was built from, from the
    release manifest; empty frames for a scope without the data-quality pages.

    Grain: one row per mart / per source table.
    """
    columns = ["table", "rows"]
    if not scope.may_see_quality:
        return pd.DataFrame(columns=columns), pd.DataFrame(columns=columns)
    manifest = release_manifest(release)

    def frame(counts: object) -> pd.DataFrame:
        items = sorted(counts.items()) if isinstance(counts, dict) else []
        return pd.DataFrame(items, columns=columns)

    return frame(manifest.get("row_counts")), frame(manifest.get("source_row_counts"))


@cached
def quarantine_by_day(release: Release, scope: Scope) -> pd.DataFrame:
    """Quarantined rows per day quarantined, source, table and reason: held, resolved, total.
    Counts only (ADMIN_DATA and MENTERI).

    Grain: one row per day per source per table per reason. Source: fct_quarantined_rows.
    """
    return _run("by_day", release, scope, device_export=DEVICE_EXPORT)


def quarantine_summary(by_day: pd.DataFrame) -> pd.DataFrame:
    """``by_day`` (quarantine_by_day, filtered or not) per source, table and reason: held,
    resolved and total rows, first and last day; most rows held first."""
    columns = ["source", "source_table", "reason"]
    if by_day.empty:
        return pd.DataFrame(
            columns=[*columns, "held_rows", "resolved_rows", "total_rows", "first_on", "last_on"]
        )
    summary = by_day.groupby(columns, as_index=False).agg(
        held_rows=("held_rows", "sum"),
        resolved_rows=("resolved_rows", "sum"),
        total_rows=("total_rows", "sum"),
        first_on=("quarantined_on", "min"),
        last_on=("quarantined_on", "max"),
    )
    return summary.sort_values(
        ["held_rows", "total_rows", *columns], ascending=[False, False, True, True, True]
    ).reset_index(drop=True)


@cached
def quarantined_rows(
    release: Release,
    scope: Scope,
    sources: tuple[str, ...] = (),
    tables: tuple[str, ...] = (),
    reasons: tuple[str, ...] = (),
    limit: int = ROW_LIST_LIMIT,
) -> pd.DataFrame:
    """The quarantined rows themselves (raw text, detail, whose months they concern), held ones
    first, newest first; narrowed to the given sources, tables and reasons (empty: all).
    Personal data: no rows unless ``Scope.may_see_quarantine_rows`` (ADMIN_DATA).

    Grain: one row per rejected row per batch. Source: fct_quarantined_rows.
    """
    return _run(
        "rows",
        release,
        scope,
        device_export=DEVICE_EXPORT,
        sources=list(sources),
        tables=list(tables),
        reasons=list(reasons),
        limit=limit,
    )


@cached
def marked_months(release: Release, scope: Scope, limit: int = DOWNLOAD_LIMIT) -> pd.DataFrame:
    """The employee-months a row still held may change, newest period and most rows first.
    Personal data (NIP): no rows unless ``Scope.may_see_quarantine_rows`` (ADMIN_DATA).

    Grain: one row per employee per period. Source: fct_marked_employee_months ⋈ dim_org_unit.
    """
    return _run("marked", release, scope, limit=limit)


@cached
def marked_months_by_period(release: Release, scope: Scope) -> pd.DataFrame:
    """Marked employee-months, units and quarantined rows per period. Counts only.

    Grain: one row per period. Source: fct_marked_employee_months.
    """
    return _run("marked_by_period", release, scope)


@cached
def latest_checks(release: Release, scope: Scope) -> pd.DataFrame:
    """The latest result of each check suite: blocking or warning, passed, how many
    expectations failed, rows checked. Failed suites first.

    Grain: one row per suite. Source: the release's check_results (raw.data_quality_results).
    """
    return _run("checks", release, scope, _LATEST_CHECKS)


@cached
def check_failures(release: Release, scope: Scope) -> pd.DataFrame:
    """The failed expectations of the latest run of each suite; their sample of unexpected
    values only for ``Scope.may_see_quarantine_rows`` (it may hold NIPs).

    Grain: one row per suite per failed expectation. Source: check_results.
    """
    return _run("check_failures", release, scope, _LATEST_CHECKS)


@cached
def loads_by_source(release: Release, scope: Scope) -> pd.DataFrame:
    """Freshness: the newest load of each source with its rows read, loaded, merged (a repeat
    of a record already held) and quarantined, over the source's tables.

    Grain: one row per source. Source: the release's load_batches (quality.load_batches).
    """
    return _run("loads_by_source", release, scope)


@cached
def loads_by_table(release: Release, scope: Scope) -> pd.DataFrame:
    """The newest load of each source table (or device export) with its row counts.

    Grain: one row per source per table. Source: load_batches.
    """
    return _run("loads_by_table", release, scope)


@cached
def month_mark(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """How many rows still held may change one employee-month and their reason codes, when the
    month is visible to the scope (its statement); no row when it is unmarked or not visible.

    Grain: at most one row. Source: fct_marked_employee_months.
    """
    return _run("month_mark", release, scope, nip=nip, period=period)
