"""Data access of the data-quality page and of the statement's quarantine warning: SQL over the
current release's Parquet files, filtered by the caller's ``access.Scope`` (as dashboards.lib.data,
whose connection, parameters and scope CTEs it reuses).

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

from collections.abc import Sequence

import pandas as pd

from dashboards.lib import data
from dashboards.lib.access import Scope
from dashboards.lib.data import Release
from eperf.serving import mart_source, quality_source

# Published file → SQL parameter. Optional: a release without one returns empty frames.
QUALITY_MART_PARAMS = {"fct_quarantined_rows": "fqr", "fct_marked_employee_months": "fmm"}
QUALITY_TABLE_PARAMS = {"load_batches": "qlb", "check_results": "qcr"}
# Device export files are quarantined under their file name ("<device>/<file>"); they are all
# rows of one source table, the device export (ingestion.punches.OBJECT), as in the load log.
DEVICE_EXPORT = "device_export"
ROW_LIST_LIMIT = 500  # rows shown on the page; the CSV holds up to DOWNLOAD_LIMIT
DOWNLOAD_LIMIT = 100_000

_TABLE = "case when contains(q.source_object, '/') then $device_export else q.source_object end"
_HELD = "coalesce(q.is_active, q.resolved_at is null)"
_FILTERS = f"""
    (len($sources) = 0 or list_contains($sources, q.source))
    and (len($tables) = 0 or list_contains($tables, {_TABLE}))
    and (len($reasons) = 0 or list_contains($reasons, q.reason))
"""

_BY_DAY_SQL = f"""
select q.quarantined_on, q.source, {_TABLE} as source_table, q.reason,
    count(*) filter (where {_HELD})::bigint as held_rows,
    count(*) filter (where not {_HELD})::bigint as resolved_rows,
    count(*)::bigint as total_rows
from read_parquet($fqr) as q
where $may_see_quality
group by all
order by all
"""

# Personal data (raw_text, detail, scope): the data team only.
_ROWS_SQL = f"""
select {_HELD} as is_active, q.quarantined_on, q.ingested_at, q.source,
    {_TABLE} as source_table, q.source_object, q.source_row_number, q.reason, q.detail,
    q.raw_text, q.scope_kind, q.scope_value, q.first_date, q.last_date, q.resolved_at,
    q.resolution, q.batch_id
from read_parquet($fqr) as q
where $may_see_rows and {_FILTERS}
order by is_active desc, q.ingested_at desc, q.source, q.source_object, q.source_row_number,
    q.reason
limit $limit
"""

_MARKED_SQL = """
select m.nip, m.period, m.unit_id, u.unit_name, m.quarantined_rows::bigint as quarantined_rows,
    m.reasons
from read_parquet($fmm) as m
left join read_parquet($dim) as u on u.unit_id = m.unit_id
where $may_see_rows
order by m.period desc, m.quarantined_rows desc, m.nip
limit $limit
"""

_MARKED_BY_PERIOD_SQL = """
select m.period, count(*)::bigint as employee_months,
    count(distinct m.unit_id)::bigint as units,
    sum(m.quarantined_rows)::bigint as quarantined_rows
from read_parquet($fmm) as m
where $may_see_quality
group by m.period
order by m.period desc
"""

# The latest rows of each suite (the release holds only those; kept here for older files).
_LATEST_CHECKS_CTE = """
latest as (
    select r.* from read_parquet($qcr) as r
    where $may_see_quality
    qualify r.validated_at = max(r.validated_at) over (partition by r.suite)
)
"""

_CHECKS_SQL = f"""
with {_LATEST_CHECKS_CTE}
select suite, any_value(source) as source, any_value(source_table) as source_table,
    bool_or(blocking) as blocking, bool_and(success) as success,
    count(expectation)::bigint as failed_expectations,
    max(element_count)::bigint as element_count, max(validated_at) as validated_at
from latest
group by suite
order by success, blocking desc, suite
"""

# The sample of unexpected values may hold personal data (NIPs): the data team only.
_CHECK_FAILURES_SQL = f"""
with {_LATEST_CHECKS_CTE}
select suite, blocking, expectation, column_name, unexpected_count::bigint as unexpected_count,
    element_count::bigint as element_count,
    case when $may_see_rows then unexpected_sample end as unexpected_sample
from latest
where expectation is not null
order by blocking desc, suite, expectation, column_name
"""

_LOADS_BY_SOURCE_SQL = """
with log as (select * from read_parquet($qlb) where $may_see_quality),
newest as (select source, max(ingested_at) as ingested_at from log group by source)
select b.source, n.ingested_at, count(*)::bigint as objects,
    sum(b.rows_in)::bigint as rows_in, sum(b.rows_loaded)::bigint as rows_loaded,
    sum(coalesce(b.rows_merged, 0))::bigint as rows_merged,
    sum(b.rows_quarantined)::bigint as rows_quarantined
from log as b
join newest as n on n.source = b.source and n.ingested_at = b.ingested_at
group by b.source, n.ingested_at
order by b.source
"""

_LOADS_BY_TABLE_SQL = """
select source, source_object, ingested_at, rows_in, rows_loaded,
    coalesce(rows_merged, 0) as rows_merged, rows_quarantined
from read_parquet($qlb)
where $may_see_quality
qualify row_number() over (partition by source, source_object order by ingested_at desc) = 1
order by source, source_object
"""

# One employee-month's marks, for its statement: only when the month is visible to the scope.
_MONTH_MARK_SQL = f"""
with {data._SCOPE_CTES}
select m.quarantined_rows::bigint as quarantined_rows, m.reasons
from read_parquet($fmm) as m
where m.nip = $nip and m.period = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
"""

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


def _paths(release: Release) -> dict[str, str | None]:
    folder = data._release_dir(release)
    paths = {name: mart_source(folder, mart) for mart, name in QUALITY_MART_PARAMS.items()}
    paths |= {name: quality_source(folder, table) for table, name in QUALITY_TABLE_PARAMS.items()}
    return paths


def available(release: Release) -> dict[str, bool]:
    """Which of the quality files the release holds (by parameter name: fqr, fmm, qlb, qcr)."""
    return {name: path is not None for name, path in _paths(release).items()}


def _run(
    kind: str, sql: str, needs: Sequence[str], release: Release, scope: Scope, **filters: object
) -> pd.DataFrame:
    """``sql`` over the release with the scope's flags bound; the empty frame of ``kind`` when
    the release lacks a file the query ``needs``."""
    paths = _paths(release)
    if any(paths[name] is None for name in needs):
        return pd.DataFrame(columns=list(COLUMNS[kind]))
    params = data._params(
        release,
        scope,
        **{name: paths[name] for name in needs},
        may_see_quality=scope.may_see_quality,
        may_see_rows=scope.may_see_quarantine_rows,
        device_export=DEVICE_EXPORT,
        **filters,
    )
    return data._query(sql, params)


@data._cached
def quarantine_by_day(release: Release, scope: Scope) -> pd.DataFrame:
    """Quarantined rows per day quarantined, source, table and reason: held, resolved, total.
    Counts only (ADMIN_DATA and MENTERI).

    Grain: one row per day per source per table per reason. Source: fct_quarantined_rows.
    """
    return _run("by_day", _BY_DAY_SQL, ("fqr",), release, scope)


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


@data._cached
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
    filters = {"sources": list(sources), "tables": list(tables), "reasons": list(reasons)}
    return _run("rows", _ROWS_SQL, ("fqr",), release, scope, limit=limit, **filters)


@data._cached
def marked_months(release: Release, scope: Scope, limit: int = DOWNLOAD_LIMIT) -> pd.DataFrame:
    """The employee-months a row still held may change, newest period and most rows first.
    Personal data (NIP): no rows unless ``Scope.may_see_quarantine_rows`` (ADMIN_DATA).

    Grain: one row per employee per period. Source: fct_marked_employee_months ⋈ dim_org_unit.
    """
    return _run("marked", _MARKED_SQL, ("fmm",), release, scope, limit=limit)


@data._cached
def marked_months_by_period(release: Release, scope: Scope) -> pd.DataFrame:
    """Marked employee-months, units and quarantined rows per period. Counts only.

    Grain: one row per period. Source: fct_marked_employee_months.
    """
    return _run("marked_by_period", _MARKED_BY_PERIOD_SQL, ("fmm",), release, scope)


@data._cached
def latest_checks(release: Release, scope: Scope) -> pd.DataFrame:
    """The latest result of each check suite: blocking or warning, passed, how many
    expectations failed, rows checked. Failed suites first.

    Grain: one row per suite. Source: the release's check_results (raw.data_quality_results).
    """
    return _run("checks", _CHECKS_SQL, ("qcr",), release, scope)


@data._cached
def check_failures(release: Release, scope: Scope) -> pd.DataFrame:
    """The failed expectations of the latest run of each suite; their sample of unexpected
    values only for ``Scope.may_see_quarantine_rows`` (it may hold NIPs).

    Grain: one row per suite per failed expectation. Source: check_results.
    """
    return _run("check_failures", _CHECK_FAILURES_SQL, ("qcr",), release, scope)


@data._cached
def loads_by_source(release: Release, scope: Scope) -> pd.DataFrame:
    """Freshness: the newest load of each source with its rows read, loaded, merged (a repeat
    of a record already held) and quarantined, over the source's tables.

    Grain: one row per source. Source: the release's load_batches (quality.load_batches).
    """
    return _run("loads_by_source", _LOADS_BY_SOURCE_SQL, ("qlb",), release, scope)


@data._cached
def loads_by_table(release: Release, scope: Scope) -> pd.DataFrame:
    """The newest load of each source table (or device export) with its row counts.

    Grain: one row per source per table. Source: load_batches.
    """
    return _run("loads_by_table", _LOADS_BY_TABLE_SQL, ("qlb",), release, scope)


@data._cached
def month_mark(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """How many rows still held may change one employee-month and their reason codes, when the
    month is visible to the scope (its statement); no row when it is unmarked or not visible.

    Grain: at most one row. Source: fct_marked_employee_months.
    """
    return _run("month_mark", _MONTH_MARK_SQL, ("fmm",), release, scope, nip=nip, period=period)
