"""All data access of the dashboards: SQL over the Parquet files of the current serving release,
always filtered by the caller's ``access.Scope``.

Why this shape (research/tech_style.md, Pitfall 1a): the dashboards never open the warehouse
``.duckdb`` file, so they can never block a pipeline run. Each query opens a fresh in-memory
``duckdb.connect()`` that reads the release's Parquet files and is closed straight after; only
the resulting DataFrames are cached, keyed on the release and the scope, so a new publication
(a new id in ``CURRENT``) is picked up on the next rerun while the old release stays readable.

Access control lives here, in SQL, deny by default: every query starts from ``scope_units``
(the scope's unit and everything below it, by ``dim_org_unit.path`` prefix; every unit for
MENTERI; none for a scope without a unit) and ``visible_months`` (employee-months of those units
when the scope may see personal data, plus the user's own NIP). Whatever unit, NIP or search
text a page passes, it only narrows that set. File paths, scope and filter values are bound
parameters; the only text spliced into SQL is the constants below.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, Scope
from eperf.config import Settings
from eperf.serving import MANIFEST, RELEASES, current_release_dir, mart_source

CACHE_TTL_SECONDS = 600
CACHE_MAX_ENTRIES = 256
# Mart → SQL parameter naming its Parquet file. A release lacking one of them is not served.
MART_PARAMS = {
    "dim_org_unit": "dim",
    "dim_employee": "emp",
    "fct_unit_monthly": "fum",
    "fct_employee_monthly": "fem",
    "fct_attendance_daily": "fad",
    "fct_tukin_lines": "ftl",
    # --- leadership pages: Kedisiplinan, Kinerja, Beban Kerja, Promosi, Indikator RB
    "fct_discipline_referral": "fdr",
    "fct_integrity_flags": "fif",
    "rpt_rb_indicators": "rbi",
    "fct_staffing_adequacy": "fsa",
    "fct_staffing_projection": "fsp",
    "dim_staffing_band": "dsb",
    "fct_promotion_eligibility": "fpe",
}
REQUIRED_MARTS = tuple(MART_PARAMS)
ATTENTION_MIN_HEADCOUNT = 5
ATTENTION_LIMIT = 10
EMPLOYEE_OPTIONS_LIMIT = 500
_PARAM_NAME = re.compile(r"\$([A-Za-z_]\w*)")

# The scope, as common table expressions every query starts with (see the module docstring).
# '/' ends each path step, so unit "A" never matches "AB/…".
_SCOPE_CTES = """
scope_root as (
    select r.path from read_parquet($dim) as r where r.unit_id = $scope_unit
),
scope_units as (
    select u.unit_id, u.parent_unit_id, u.unit_name, u.echelon, u.depth, u.path,
        u.eselon1_unit_id, u.eselon1_unit_name
    from read_parquet($dim) as u
    where $all_units
        or exists (
            select 1 from scope_root as r
            where u.path = r.path or starts_with(u.path, r.path || '/')
        )
),
scope_tops as (
    select s.* from scope_units as s
    where s.parent_unit_id is null
        or s.parent_unit_id not in (select unit_id from scope_units)
),
visible_months as (
    select m.* from read_parquet($fem) as m
    where ($may_see_personal and m.unit_id in (select unit_id from scope_units))
        or m.nip = $scope_nip
)
"""

# R5 measures over rows ``f`` of fct_unit_monthly: one definition for every level and page, so
# a number never differs between two pages. Rates are computed from sums, never averaged.
_MEASURES = """
    sum(f.headcount)::bigint as headcount,
    sum(f.fte)::double as fte,
    sum(f.workdays)::bigint as workdays,
    sum(f.hadir_days)::bigint as hadir_days,
    sum(f.tk_days)::bigint as tk_days,
    sum(f.leave_days)::bigint as leave_days,
    sum(f.tl_count)::bigint as tl_count,
    sum(f.psw_count)::bigint as psw_count,
    sum(f.capaian_pct_sum)::double / nullif(sum(f.capaian_pct_n), 0) as avg_capaian_pct,
    sum(f.n_sangat_baik)::bigint as n_sangat_baik,
    sum(f.n_baik)::bigint as n_baik,
    sum(f.n_butuh_perbaikan)::bigint as n_butuh_perbaikan,
    sum(f.n_kurang)::bigint as n_kurang,
    sum(f.n_sangat_kurang)::bigint as n_sangat_kurang,
    sum(f.tukin_potential_idr)::bigint as tukin_potential_idr,
    sum(f.tukin_net_idr)::bigint as tukin_net_idr,
    100 * sum(f.hadir_days)::double / nullif(sum(f.hadir_days) + sum(f.tk_days), 0)
        as attendance_rate_pct,
    100 * sum(f.tk_days)::double / nullif(sum(f.workdays), 0) as tk_rate_pct,
    100 * sum(f.tukin_net_idr)::double / nullif(sum(f.tukin_potential_idr), 0)
        as realisation_pct
"""

_PERIODS_SQL = f"""
with {_SCOPE_CTES}
select distinct period from (
    select f.period from read_parquet($fum) as f
    where f.unit_id in (select unit_id from scope_units)
    union all
    select v.period from visible_months as v
)
where period is not null
order by period
"""

_SCOPE_TOPS_SQL = f"""
with {_SCOPE_CTES}
select unit_id, unit_name, depth, path from scope_tops order by path
"""

_PERIOD_SUMMARY_SQL = f"""
with {_SCOPE_CTES}
select f.period, {_MEASURES}
from read_parquet($fum) as f
join scope_tops as t on t.unit_id = f.unit_id
where f.scope = 'SUBTREE'
group by f.period
order by f.period
"""

# Subtree measures of the children of ``$parent`` (null: of the scope's top units); none when
# ``$parent`` is outside the scope.
_CHILD_UNITS_SQL = f"""
with {_SCOPE_CTES}
select u.unit_id, u.unit_name, u.echelon, {_MEASURES}
from read_parquet($fum) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE'
    and f.period = $period
    and (
        (u.parent_unit_id = $parent and $parent in (select unit_id from scope_units))
        or ($parent is null and u.parent_unit_id in (select unit_id from scope_tops))
    )
group by u.unit_id, u.unit_name, u.echelon
order by u.unit_name, u.unit_id
"""

_UNITS_NEEDING_ATTENTION_SQL = f"""
with {_SCOPE_CTES}
select u.unit_id, u.unit_name, u.eselon1_unit_id, u.eselon1_unit_name, {_MEASURES}
from read_parquet($fum) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'DIRECT' and f.period = $period
group by u.unit_id, u.unit_name, u.eselon1_unit_id, u.eselon1_unit_name
having sum(f.headcount) >= $min_headcount
order by tk_rate_pct desc nulls last, headcount desc, u.unit_id
limit $limit
"""

_UNIT_INFO_SQL = f"""
with {_SCOPE_CTES}
select unit_id, parent_unit_id, unit_name, echelon, depth, path, eselon1_unit_name
from scope_units
where unit_id = $unit
"""

# The unit's ancestors inside the scope (the breadcrumb), the unit itself last.
_UNIT_LINEAGE_SQL = f"""
with {_SCOPE_CTES}
select a.unit_id, a.unit_name, a.depth
from scope_units as a
join scope_units as t on t.unit_id = $unit
where t.path = a.path or starts_with(t.path, a.path || '/')
order by a.depth, a.path
"""

_UNIT_MEASURES_SQL = f"""
with {_SCOPE_CTES}
select f.period, {_MEASURES}
from read_parquet($fum) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE' and f.unit_id = $unit
group by f.period
order by f.period
"""

# Direct members of a unit, one row each: only for scopes that may see personal data.
_UNIT_EMPLOYEES_SQL = f"""
with {_SCOPE_CTES}
select v.nip, e.full_name, v.job_class, v.employment_status, v.hadir_days, v.tk_days,
    v.leave_days,
    (v.tl1_count + v.tl2_count + v.tl3_count + v.tl4_count)::bigint as tl_count,
    (v.psw1_count + v.psw2_count + v.psw3_count + v.psw4_count)::bigint as psw_count,
    v.capaian_pct::double as capaian_pct, v.predicate,
    v.tukin_potential_idr, v.tukin_net_idr
from visible_months as v
left join read_parquet($emp) as e on e.nip = v.nip
where $may_see_personal and v.unit_id = $unit and v.period = $period
order by e.full_name, v.nip
"""

_EMPLOYEE_OPTIONS_SQL = f"""
with {_SCOPE_CTES}
select v.nip, e.full_name, u.unit_name, v.tukin_potential_idr, v.tukin_net_idr
from visible_months as v
left join read_parquet($emp) as e on e.nip = v.nip
left join read_parquet($dim) as u on u.unit_id = v.unit_id
where v.period = $period
    and (
        $search = ''
        or contains(lower(coalesce(e.full_name, '')), lower($search))
        or starts_with(v.nip, $search)
    )
order by e.full_name, v.nip
limit $limit
"""

_EMPLOYEE_MONTH_SQL = f"""
with {_SCOPE_CTES}
select v.*, e.full_name, u.unit_name, u.eselon1_unit_name
from visible_months as v
left join read_parquet($emp) as e on e.nip = v.nip
left join read_parquet($dim) as u on u.unit_id = v.unit_id
where v.nip = $nip and v.period = $period
"""

# Day and line rows of one employee-month, only when that employee-month is visible.
_ATTENDANCE_DAYS_SQL = f"""
with {_SCOPE_CTES}
select a.work_date, a.status, a.check_in_local, a.check_out_local, a.late_minutes,
    a.early_minutes, a.tl_code, a.psw_code, a.deduction_pct::double as deduction_pct
from read_parquet($fad) as a
where a.nip = $nip
    and strftime(a.work_date, '%Y-%m') = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
order by a.work_date
"""

_TUKIN_LINES_SQL = f"""
with {_SCOPE_CTES}
select l.line_no, l.cause, l.code, l.work_date, l.pct::double as pct, l.amount_idr,
    l.balance_after_idr, l.rule_ref, l.description_id
from read_parquet($ftl) as l
where l.nip = $nip
    and l.period = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
order by l.line_no
"""


@dataclass(frozen=True)
class Release:
    """The serving release a page run reads; ``release_id`` is part of every cache key."""

    serving_dir: str
    release_id: str
    published_at: str | None
    rule_set: str | None


def _manifest(release_dir: Path) -> dict:
    try:
        return json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
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


def _release_dir(release: Release) -> Path:
    """The release's folder, built from its id (not ``CURRENT``) so a query and its cache key
    always name the same release."""
    return Path(release.serving_dir) / RELEASES / release.release_id


def _source(folder: Path, mart: str) -> str:
    """The mart's ``read_parquet`` argument (its file or its period files); a mart the release
    lacks names its would-be file, so a query on it fails as on a missing file."""
    return mart_source(folder, mart) or str(folder / f"{mart}.parquet")


def _params(release: Release, scope: Scope, **filters: object) -> dict[str, object]:
    folder = _release_dir(release)
    params: dict[str, object] = {name: _source(folder, mart) for mart, name in MART_PARAMS.items()}
    params |= {
        "scope_unit": scope.unit_id,
        "all_units": scope.all_units,
        "scope_nip": scope.nip,
        "may_see_personal": scope.may_see_personal,
        # a group smaller than this shows no per-employee-derivable figure (0: no limit)
        "suppress_below": SMALL_GROUP_MIN_EMPLOYEES if scope.suppress_small_groups else 0,
    }
    return params | filters


def _query(sql: str, params: dict[str, object]) -> pd.DataFrame:
    """Run one parameterised query on a fresh in-memory DuckDB connection, closed afterwards.

    Only the parameters the statement names are bound (DuckDB rejects extra ones).
    """
    used = set(_PARAM_NAME.findall(sql))
    with duckdb.connect() as con:
        return con.execute(sql, {k: v for k, v in params.items() if k in used}).df()


# --- small-group suppression ---
# R5 columns that stay visible for a suppressed group: who it is and how many people it has.
_GROUP_IDENTITY_COLUMNS = frozenset(
    {
        "period",
        "unit_id",
        "unit_name",
        "echelon",
        "eselon1_unit_id",
        "eselon1_unit_name",
        "headcount",
        "fte",
    }
)


def suppress_small_groups(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """R5 measure rows with a ``suppressed`` column; for an aggregate-only scope, every measure
    of a row whose ``headcount`` is under SMALL_GROUP_MIN_EMPLOYEES is set to null (its
    identity and headcount stay), so no figure of a person can be derived from it."""
    frame = frame.assign(suppressed=False)
    if not scope.suppress_small_groups or frame.empty:
        return frame
    small = frame["headcount"].fillna(0) < SMALL_GROUP_MIN_EMPLOYEES
    measures = [c for c in frame.columns if c not in _GROUP_IDENTITY_COLUMNS | {"suppressed"}]
    frame[measures] = frame[measures].mask(small, axis=0)
    frame["suppressed"] = small
    return frame


def _cached(func):
    return st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False)(
        func
    )


@_cached
def periods(release: Release, scope: Scope) -> list[str]:
    """The periods with rows the scope may see, oldest first."""
    frame = _query(_PERIODS_SQL, _params(release, scope))
    return frame["period"].tolist()


@_cached
def scope_tops(release: Release, scope: Scope) -> pd.DataFrame:
    """The top units of the scope (the ministry root for MENTERI, the account's unit otherwise).

    Grain: one row per unit. Source: dim_org_unit.
    """
    return _query(_SCOPE_TOPS_SQL, _params(release, scope))


@_cached
def period_summary(release: Release, scope: Scope) -> pd.DataFrame:
    """R5 measures of the whole scope per period, oldest first.

    Grain: one row per period. Source: fct_unit_monthly (SUBTREE rows of the scope's top units).
    """
    return suppress_small_groups(_query(_PERIOD_SUMMARY_SQL, _params(release, scope)), scope)


@_cached
def child_units(
    release: Release, scope: Scope, period: str, parent_unit_id: str | None = None
) -> pd.DataFrame:
    """R5 subtree measures of the child units of ``parent_unit_id`` (default: of the scope's
    top units, e.g. the eselon I units for MENTERI) in one period.

    Grain: one row per child unit. Source: fct_unit_monthly (SUBTREE) ⋈ dim_org_unit.
    """
    params = _params(release, scope, period=period, parent=parent_unit_id)
    return suppress_small_groups(_query(_CHILD_UNITS_SQL, params), scope)


@_cached
def units_needing_attention(
    release: Release,
    scope: Scope,
    period: str,
    min_headcount: int = ATTENTION_MIN_HEADCOUNT,
    limit: int = ATTENTION_LIMIT,
) -> pd.DataFrame:
    """The units of the scope (direct members) with the highest TK rate in one period.

    Grain: one row per unit with at least ``min_headcount`` employees, at most ``limit`` rows.
    Source: fct_unit_monthly (DIRECT) ⋈ dim_org_unit.
    """
    params = _params(release, scope, period=period, min_headcount=min_headcount, limit=limit)
    return suppress_small_groups(_query(_UNITS_NEEDING_ATTENTION_SQL, params), scope)


@_cached
def unit_info(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The unit, if it is in the scope; no row for a unit outside it (or unknown).

    Grain: at most one row. Source: dim_org_unit.
    """
    return _query(_UNIT_INFO_SQL, _params(release, scope, unit=unit_id))


@_cached
def unit_lineage(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The breadcrumb: the unit's ancestors inside the scope, from the top, the unit last.

    Grain: one row per unit. Source: dim_org_unit.
    """
    return _query(_UNIT_LINEAGE_SQL, _params(release, scope, unit=unit_id))


@_cached
def unit_measures(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """R5 subtree measures of one unit of the scope per period, oldest first.

    Grain: one row per period. Source: fct_unit_monthly (SUBTREE).
    """
    return suppress_small_groups(
        _query(_UNIT_MEASURES_SQL, _params(release, scope, unit=unit_id)), scope
    )


@_cached
def unit_employees(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The direct members of a unit with their month's figures: personal data, so no rows for
    a scope without ``may_see_personal``.

    Grain: one row per employee. Source: fct_employee_monthly ⋈ dim_employee.
    """
    params = _params(release, scope, unit=unit_id, period=period)
    return _query(_UNIT_EMPLOYEES_SQL, params)


@_cached
def employee_options(
    release: Release,
    scope: Scope,
    period: str,
    search: str = "",
    limit: int = EMPLOYEE_OPTIONS_LIMIT,
) -> pd.DataFrame:
    """The employees whose statement the scope may open in a period, filtered by a search text
    (part of the name, or the start of the NIP), by name.

    Grain: one row per employee. Source: fct_employee_monthly ⋈ dim_employee ⋈ dim_org_unit.
    """
    params = _params(release, scope, period=period, search=search.strip(), limit=limit)
    return _query(_EMPLOYEE_OPTIONS_SQL, params)


@_cached
def employee_month(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """One employee's month (every fct_employee_monthly column plus name and unit names), or no
    row when it is outside the scope.

    Grain: at most one row. Source: fct_employee_monthly ⋈ dim_employee ⋈ dim_org_unit.
    """
    return _query(_EMPLOYEE_MONTH_SQL, _params(release, scope, nip=nip, period=period))


@_cached
def attendance_days(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """The employee's attendance days in the period (R2), if the employee-month is visible.

    Grain: one row per workday with an assignment. Source: fct_attendance_daily.
    """
    return _query(_ATTENDANCE_DAYS_SQL, _params(release, scope, nip=nip, period=period))


@_cached
def tukin_lines(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """Every withheld-rupiah line of the employee's month (R4), if the month is visible.

    Grain: one row per line, in ``line_no`` order. Source: fct_tukin_lines.
    """
    return _query(_TUKIN_LINES_SQL, _params(release, scope, nip=nip, period=period))


def release_quality(release: Release, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Row counts of the release's marts and of the raw sources it was built from, from the
    release manifest; empty frames for a scope without the data-quality pages.

    Grain: one row per mart / per source table.
    """
    columns = ["table", "rows"]
    if not scope.may_see_quality:
        return pd.DataFrame(columns=columns), pd.DataFrame(columns=columns)
    manifest = _manifest(_release_dir(release))

    def frame(counts: object) -> pd.DataFrame:
        items = sorted(counts.items()) if isinstance(counts, dict) else []
        return pd.DataFrame(items, columns=columns)

    return frame(manifest.get("row_counts")), frame(manifest.get("source_row_counts"))


# --- leadership pages: Kedisiplinan, Kinerja, Beban Kerja, Promosi, Indikator RB ------
# Same rules as above: every query starts from the scope CTEs; per-employee rows only with
# ``$may_see_personal`` (and the subtree); aggregates of a group with fewer than
# ``$suppress_below`` employees come back as null with ``suppressed`` true (aggregate-only roles).

CHECKIN_BUCKET_MINUTES = 15
CAPAIAN_BIN_PCT = 10
CAPAIAN_TOP_BIN_PCT = 150  # the last bin holds every capaian from 150 % up
# Rows of a per-employee list (referrals, flags, promotion): a screenful to act on, not an
# export; the counts per unit above each list are complete. Formatting thousands of rows for
# display costs seconds (benchmark), so the lists stop here and say so.
PERSON_LIST_LIMIT = 500
STAFFING_SCOPES = ("DIRECT", "SUBTREE")
# Direct headcount of each unit of the scope in each period: the size suppression is judged on.
_UNIT_HEADS_CTE = """
unit_heads as (
    select f.unit_id, f.period, f.scope, f.headcount
    from read_parquet($fum) as f
    where f.unit_id in (select unit_id from scope_units)
)
"""

_CHECKIN_DISTRIBUTION_SQL = f"""
with {_SCOPE_CTES},
days as (
    select a.nip, isodow(a.work_date) as iso_weekday,
        hour(a.check_in_local) * 60 + minute(a.check_in_local) as check_in_minute
    from read_parquet($fad) as a
    where a.period = $period
        and a.check_in_local is not null
        and a.unit_id in (select unit_id from scope_units)
)
select iso_weekday, (check_in_minute // $bucket) * $bucket as minute_of_day,
    count(*)::bigint as check_ins
from days
where (select count(distinct nip) from days) >= $suppress_below
group by iso_weekday, minute_of_day
order by iso_weekday, minute_of_day
"""

_DISCIPLINE_BY_UNIT_SQL = f"""
with {_SCOPE_CTES}
select u.unit_id, u.unit_name, u.eselon1_unit_name, u.path, f.headcount::bigint as headcount,
    f.headcount < $suppress_below as suppressed,
    case when f.headcount >= $suppress_below then f.tl_count::bigint end as tl_count,
    case when f.headcount >= $suppress_below then f.psw_count::bigint end as psw_count,
    case when f.headcount >= $suppress_below then f.tk_days::bigint end as tk_days,
    case when f.headcount >= $suppress_below
        then 100 * f.tk_days::double / nullif(f.workdays, 0) end as tk_rate_pct
from read_parquet($fum) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'DIRECT' and f.period = $period and f.headcount > 0
order by suppressed, tl_count + psw_count + tk_days desc nulls last, u.path
"""

# Referrals of the period with the unit of the employee's month (fct_discipline_referral has no
# unit): counted per unit and recommended sanction.
_REFERRAL_COUNTS_SQL = f"""
with {_SCOPE_CTES},
{_UNIT_HEADS_CTE},
referrals as (
    select m.unit_id, r.recommended_sanction, count(*)::bigint as referrals
    from read_parquet($fdr) as r
    join read_parquet($fem) as m on m.nip = r.nip and m.period = r.period
    where r.period = $period and m.unit_id in (select unit_id from scope_units)
    group by m.unit_id, r.recommended_sanction
)
select r.unit_id, u.unit_name, h.headcount::bigint as headcount, r.recommended_sanction,
    r.referrals
from referrals as r
join scope_units as u on u.unit_id = r.unit_id
left join unit_heads as h on h.unit_id = r.unit_id and h.period = $period and h.scope = 'DIRECT'
where coalesce(h.headcount, 0) >= $suppress_below
order by u.unit_name, r.unit_id, r.recommended_sanction
"""

_REFERRAL_LIST_SQL = f"""
with {_SCOPE_CTES}
select r.nip, e.full_name, u.unit_name, r.trigger, r.discipline_days_ytd, r.tk_days_ytd,
    r.late_early_minutes_ytd, r.recommended_sanction, r.evidence
from read_parquet($fdr) as r
join visible_months as v on v.nip = r.nip and v.period = r.period
left join read_parquet($emp) as e on e.nip = r.nip
left join read_parquet($dim) as u on u.unit_id = v.unit_id
where $may_see_personal and r.period = $period
order by r.discipline_days_ytd desc, e.full_name, r.nip
limit $limit
"""

_CAPAIAN_DISTRIBUTION_SQL = f"""
with {_SCOPE_CTES},
months as (
    select m.capaian_pct::double as capaian_pct
    from read_parquet($fem) as m
    where m.period = $period
        and m.capaian_pct is not null
        and m.unit_id in (select unit_id from scope_units)
)
select least(floor(capaian_pct / $bin) * $bin, $top_bin)::integer as bin_start_pct,
    count(*)::bigint as employees
from months
where (select count(*) from months) >= $suppress_below
group by bin_start_pct
order by bin_start_pct
"""

# Every R9 indicator of every unit subtree of the scope in a period, with the subtree headcount;
# the columns of eperf.export.load_indicators plus unit path and depth.
_RB_INDICATORS_SQL = f"""
with {_SCOPE_CTES},
{_UNIT_HEADS_CTE}
select i.period, i.unit_id, i.indicator_code, i.indicator_group, i.indicator_name_id,
    case when coalesce(h.headcount, 0) >= $suppress_below then i.value end as value,
    case when coalesce(h.headcount, 0) >= $suppress_below then i.numerator end as numerator,
    case when coalesce(h.headcount, 0) >= $suppress_below then i.denominator end as denominator,
    i.formula, i.legal_basis, i.rule_set, u.unit_name, u.path, u.depth, u.parent_unit_id,
    h.headcount::bigint as headcount, coalesce(h.headcount, 0) < $suppress_below as suppressed
from read_parquet($rbi) as i
join scope_units as u on u.unit_id = i.unit_id
left join unit_heads as h on h.unit_id = i.unit_id and h.period = i.period and h.scope = 'SUBTREE'
where i.period = $period
order by u.path, i.indicator_code
"""

_INTEGRITY_COUNTS_SQL = f"""
with {_SCOPE_CTES},
{_UNIT_HEADS_CTE},
flags as (
    select f.unit_id, f.flag_code, count(*)::bigint as flags,
        count(distinct coalesce(f.nip, f.device_sn))::bigint as subjects
    from read_parquet($fif) as f
    where f.period = $period and f.unit_id in (select unit_id from scope_units)
    group by f.unit_id, f.flag_code
)
select f.unit_id, u.unit_name, h.headcount::bigint as headcount, f.flag_code, f.flags,
    f.subjects
from flags as f
join scope_units as u on u.unit_id = f.unit_id
left join unit_heads as h on h.unit_id = f.unit_id and h.period = $period and h.scope = 'DIRECT'
where coalesce(h.headcount, 0) >= $suppress_below
order by u.unit_name, f.unit_id, f.flag_code
"""

_INTEGRITY_LIST_SQL = f"""
with {_SCOPE_CTES}
select f.flag_code, f.flag_date, f.nip, e.full_name, f.device_sn, u.unit_name,
    f.metric_value::double as metric_value, f.threshold_value::double as threshold_value,
    f.metric_unit, f.details
from read_parquet($fif) as f
join scope_units as u on u.unit_id = f.unit_id
left join read_parquet($emp) as e on e.nip = f.nip
where $may_see_personal and f.period = $period
order by f.flag_code, f.flag_date, u.unit_name, f.nip, f.device_sn
limit $limit
"""

# Monthly R6 rows of the scope's units at one level (DIRECT members or SUBTREE), with the
# headcount of the same rows; per-unit figures suppressed for small units.
_STAFFING_COLUMNS_SQL = """
    s.unit_id, u.unit_name, u.path, u.depth, s.period, h.headcount::bigint as headcount,
    coalesce(h.headcount, 0) < $suppress_below as suppressed,
    s.fte_actual::double as fte_actual,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.workload_minutes::double end
        as workload_minutes,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.fte_needed::double end
        as fte_needed,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.gap::double end as gap,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.ej::double end as ej,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.pj_band end as pj_band,
    case when coalesce(h.headcount, 0) >= $suppress_below then s.verdict end as verdict
"""

_STAFFING_UNITS_SQL = f"""
with {_SCOPE_CTES},
{_UNIT_HEADS_CTE}
select {_STAFFING_COLUMNS_SQL}
from read_parquet($fsa) as s
join scope_units as u on u.unit_id = s.unit_id
left join unit_heads as h on h.unit_id = s.unit_id and h.period = s.period and h.scope = s.scope
where s.period_grain = 'MONTH' and s.scope = $staff_scope
    and ($period is null or s.period = $period)
order by u.path, s.period
"""

# The 12 months after the last period, judged on the size of the unit in that last period.
_STAFFING_PROJECTION_SQL = f"""
with {_SCOPE_CTES},
{_UNIT_HEADS_CTE},
last_heads as (
    select unit_id, scope, arg_max(headcount, period) as headcount
    from unit_heads group by unit_id, scope
)
select p.unit_id, u.unit_name, p.months_ahead, p.period, h.headcount::bigint as headcount,
    coalesce(h.headcount, 0) < $suppress_below as suppressed,
    p.fte_projected::double as fte_projected,
    case when coalesce(h.headcount, 0) >= $suppress_below then p.known_exits end as known_exits,
    case when coalesce(h.headcount, 0) >= $suppress_below then p.ej_projected::double end
        as ej_projected,
    case when coalesce(h.headcount, 0) >= $suppress_below then p.verdict_projected end
        as verdict_projected
from read_parquet($fsp) as p
join scope_units as u on u.unit_id = p.unit_id
left join last_heads as h on h.unit_id = p.unit_id and h.scope = p.scope
where p.scope = $staff_scope and p.unit_id = $unit
order by p.months_ahead
"""

# The PJ and VERDICT rows in force on the first day of the period (macro staffing_band).
_STAFFING_BANDS_SQL = """
select band_kind, code, min_ej::double as min_ej, min_inclusive, max_ej::double as max_ej,
    max_inclusive, legal_basis
from read_parquet($dsb)
where cast($period || '-01' as date)
    between effective_from and coalesce(effective_to, date '9999-12-31')
order by band_kind, min_ej desc nulls last
"""

# Promotion status (R8) of the period grouped into the subtree of ``$parent`` (kind PARENT) and
# of each of its children (kind CHILD); each employee's unit is that of their month.
_PROMOTION_GROUPS_CTES = f"""
{_SCOPE_CTES},
groups as (
    select g.unit_id, g.unit_name, g.path, 'PARENT' as group_kind
    from scope_units as g where g.unit_id = $parent
    union all
    select g.unit_id, g.unit_name, g.path, 'CHILD'
    from scope_units as g
    where g.parent_unit_id = $parent and $parent in (select unit_id from scope_units)
),
members as (
    select g.unit_id as group_id, p.nip, p.status, p.reasons
    from read_parquet($fpe) as p
    join read_parquet($fem) as m on m.nip = p.nip and m.period = p.as_of_period
    join scope_units as u on u.unit_id = m.unit_id
    join groups as g on u.path = g.path or starts_with(u.path, g.path || '/')
    where p.as_of_period = $period
),
sizes as (
    select group_id, count(distinct nip) as employees from members group by group_id
)
"""

_PROMOTION_SUMMARY_SQL = f"""
with {_PROMOTION_GROUPS_CTES},
codes as (
    select group_id, nip, 'STATUS' as code_kind, status as code from members
    union all
    select group_id, nip, 'REASON',
        regexp_replace(trim(unnest(string_split(reasons, ','))), '_[0-9]{{4}}$', '')
    from members where reasons is not null and reasons <> ''
),
counted as (
    select group_id, code_kind, code, count(distinct nip) as n from codes group by all
)
select g.unit_id, g.unit_name, g.group_kind, s.employees::bigint as employees,
    s.employees < $suppress_below as suppressed,
    c.code_kind,
    case when s.employees >= $suppress_below then c.code end as code,
    sum(case when s.employees >= $suppress_below then c.n end)::bigint as n
from counted as c
join groups as g on g.unit_id = c.group_id
join sizes as s on s.group_id = c.group_id
group by all
order by g.group_kind desc, g.unit_name, c.code_kind, code
"""

_PROMOTION_LIST_SQL = f"""
with {_SCOPE_CTES}
select p.nip, e.full_name, u.unit_name, p.rank_grade, p.rank_since, p.next_rank_grade,
    p.eligible_from, p.status, p.reasons, p.annual_predicates, p.blocking_sanctions
from read_parquet($fpe) as p
join visible_months as v on v.nip = p.nip and v.period = p.as_of_period
left join read_parquet($emp) as e on e.nip = p.nip
left join read_parquet($dim) as u on u.unit_id = v.unit_id
where $may_see_personal and p.as_of_period = $period and ($status is null or p.status = $status)
order by p.status, p.eligible_from nulls last, e.full_name, p.nip
limit $limit
"""


@_cached
def checkin_distribution(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Check-ins of the scope in a period by ISO weekday and time of day (R2 check-in times in
    ``CHECKIN_BUCKET_MINUTES`` buckets); no rows for a scope with fewer employees than the
    small-group limit.

    Grain: one row per weekday per bucket. Source: fct_attendance_daily.
    """
    params = _params(release, scope, period=period, bucket=CHECKIN_BUCKET_MINUTES)
    return _query(_CHECKIN_DISTRIBUTION_SQL, params)


@_cached
def discipline_by_unit(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """TL and PSW counts, TK days and TK rate of the direct members of each unit of the scope.

    Grain: one row per unit with members in the period. Source: fct_unit_monthly (DIRECT).
    """
    return _query(_DISCIPLINE_BY_UNIT_SQL, _params(release, scope, period=period))


@_cached
def discipline_referral_counts(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """R7 referrals of the period per unit and recommended sanction (aggregate, every role with
    the page); units under the small-group limit are left out.

    Grain: one row per unit per sanction. Source: fct_discipline_referral ⋈ fct_employee_monthly.
    """
    return _query(_REFERRAL_COUNTS_SQL, _params(release, scope, period=period))


@_cached
def discipline_referrals(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The R7 referrals of the period with NIP and name: personal data, no rows for a scope
    without ``may_see_personal``.

    Grain: one row per employee per trigger. Source: fct_discipline_referral ⋈ dim_employee.
    """
    params = _params(release, scope, period=period, limit=PERSON_LIST_LIMIT)
    return _query(_REFERRAL_LIST_SQL, params)


@_cached
def capaian_distribution(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Employees of the scope by capaian (R3) in ``CAPAIAN_BIN_PCT`` bins, the last bin open.

    Grain: one row per bin. Source: fct_employee_monthly.
    """
    params = _params(
        release, scope, period=period, bin=CAPAIAN_BIN_PCT, top_bin=CAPAIAN_TOP_BIN_PCT
    )
    return _query(_CAPAIAN_DISTRIBUTION_SQL, params)


@_cached
def rb_indicators(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Every R9 indicator of every unit subtree of the scope in a period, with definitions;
    value, numerator and denominator null for a suppressed (small) subtree.

    Grain: one row per unit per indicator. Source: rpt_rb_indicators ⋈ dim_org_unit.
    """
    return _query(_RB_INDICATORS_SQL, _params(release, scope, period=period))


@_cached
def integrity_flag_counts(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """R10 flags of the period per unit and flag code (flags and distinct employees/devices);
    units under the small-group limit are left out.

    Grain: one row per unit per flag code. Source: fct_integrity_flags.
    """
    return _query(_INTEGRITY_COUNTS_SQL, _params(release, scope, period=period))


@_cached
def integrity_flags(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The R10 flags of the period with NIP and name: personal data, no rows for a scope
    without ``may_see_personal``.

    Grain: one row per flag. Source: fct_integrity_flags ⋈ dim_employee.
    """
    params = _params(release, scope, period=period, limit=PERSON_LIST_LIMIT)
    return _query(_INTEGRITY_LIST_SQL, params)


def _staff_scope(staff_scope: str) -> str:
    if staff_scope not in STAFFING_SCOPES:
        raise ValueError(f"staff_scope must be one of {STAFFING_SCOPES}, not {staff_scope!r}")
    return staff_scope


@_cached
def staffing_units(
    release: Release, scope: Scope, period: str | None, staff_scope: str = "DIRECT"
) -> pd.DataFrame:
    """R6 of each unit of the scope: EJ, PJ band, gap, verdict, monthly; one period, or every
    month when ``period`` is None (the heatmap).

    Grain: one row per unit per month. Source: fct_staffing_adequacy ⋈ fct_unit_monthly.
    """
    params = _params(release, scope, period=period, staff_scope=_staff_scope(staff_scope))
    return _query(_STAFFING_UNITS_SQL, params)


@_cached
def staffing_projection(
    release: Release, scope: Scope, unit_id: str, staff_scope: str = "DIRECT"
) -> pd.DataFrame:
    """The 12-month R6 projection of one unit of the scope (none for a unit outside it).

    Grain: one row per month ahead. Source: fct_staffing_projection.
    """
    params = _params(release, scope, unit=unit_id, staff_scope=_staff_scope(staff_scope))
    return _query(_STAFFING_PROJECTION_SQL, params)


@_cached
def staffing_bands(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The PJ and VERDICT EJ bands of the rule set in force on the period's first day: the
    rows fct_staffing_adequacy classified with (policy, not personal data).

    Grain: one row per band kind per code. Source: dim_staffing_band.
    """
    return _query(_STAFFING_BANDS_SQL, _params(release, scope, period=period))


@_cached
def promotion_summary(
    release: Release, scope: Scope, period: str, parent_unit_id: str
) -> pd.DataFrame:
    """R8 status and blocking-reason counts of the subtree of ``parent_unit_id`` (group_kind
    PARENT) and of each child's subtree (CHILD); ``PREDIKAT_TAHUN_<YYYY>`` counts as
    ``PREDIKAT_TAHUN``. A small group is one row with ``suppressed`` and no counts.

    Grain: one row per group per code. Source: fct_promotion_eligibility ⋈ fct_employee_monthly.
    """
    params = _params(release, scope, period=period, parent=parent_unit_id)
    return _query(_PROMOTION_SUMMARY_SQL, params)


@_cached
def promotion_list(
    release: Release, scope: Scope, period: str, status: str | None = None
) -> pd.DataFrame:
    """Employees' R8 promotion status with reasons: personal data, no rows for a scope without
    ``may_see_personal``.

    Grain: one row per employee. Source: fct_promotion_eligibility ⋈ dim_employee.
    """
    params = _params(release, scope, period=period, status=status, limit=PERSON_LIST_LIMIT)
    return _query(_PROMOTION_LIST_SQL, params)


def release_manifest(release: Release) -> dict:
    """The manifest of the release a page shows (for export provenance)."""
    return _manifest(_release_dir(release))


# --- Output & Anggaran and Pengembangan ---------------------------------------------
# The R11/R12 marts, bound as their own parameters so a release published before them still
# serves every other page (these functions then return empty frames). Every query starts from the
# same scope CTEs; ``selected_units`` is the chosen unit's subtree inside the scope (none when the
# unit is outside it), and the employees of a development-grid cell need ``may_see_personal``.
OUTPUT_MART_PARAMS = {
    "fct_output_realisation": "forl",
    "fct_output_realisation_unit": "foru",
    "fct_development_map": "fdm",
}

_SELECTED_UNITS_CTE = """
selected_units as (
    select s.* from scope_units as s
    join scope_units as t on t.unit_id = $unit
    where s.path = t.path or starts_with(s.path, t.path || '/')
)
"""

_OUTPUTS_SQL = f"""
with {_SCOPE_CTES}, {_SELECTED_UNITS_CTE}
select o.output_code, o.output_name, o.output_unit, o.unit_id, u.unit_name,
    o.status as output_status,
    o.target_volume::double as target_volume,
    o.realised_volume::double as realised_volume,
    o.realisation_pct::double as output_realisation_pct,
    o.planned_pct::double as output_planned_pct,
    (o.planned_pct - o.realisation_pct)::double as trailing_points,
    o.budget_idr, o.allocated_tukin_idr, o.tukin_per_unit_idr
from read_parquet($forl) as o
join selected_units as u on u.unit_id = o.unit_id
where o.period = $period
order by case when o.status = 'TERTINGGAL' then 0 else 1 end, trailing_points desc nulls last,
    o.output_code
"""

_OUTPUT_TREND_SQL = f"""
with {_SCOPE_CTES}
select f.period, f.n_outputs, f.n_tertinggal, f.budget_idr, f.allocated_tukin_idr,
    f.realisation_pct::double as output_realisation_pct,
    f.planned_pct::double as output_planned_pct,
    f.credited_minutes::double as credited_minutes,
    f.no_output_minutes::double as no_output_minutes,
    f.no_output_minutes_pct::double as no_output_minutes_pct
from read_parquet($foru) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE' and f.unit_id = $unit
order by f.period
"""

_OUTPUT_CHILD_UNITS_SQL = f"""
with {_SCOPE_CTES}
select u.unit_id, u.unit_name, f.n_outputs, f.n_tertinggal,
    f.realisation_pct::double as output_realisation_pct,
    f.credited_minutes::double as credited_minutes,
    f.no_output_minutes_pct::double as no_output_minutes_pct
from read_parquet($foru) as f
join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE' and f.period = $period and u.parent_unit_id = $unit
    and $unit in (select unit_id from scope_units)
order by no_output_minutes_pct desc nulls last, u.unit_id
"""

_SCOPE_UNIT_CHOICES_SQL = f"""
with {_SCOPE_CTES}
select unit_id, unit_name, depth, path from scope_units order by path
"""

_DEVELOPMENT_GRID_SQL = f"""
with {_SCOPE_CTES}, {_SELECTED_UNITS_CTE}
select m.performance_axis, m.behaviour_axis, count(*)::bigint as employees
from read_parquet($fdm) as m
join selected_units as u on u.unit_id = m.unit_id
where m.period = $period
group by m.performance_axis, m.behaviour_axis
"""

_DEVELOPMENT_RECOMMENDATIONS_SQL = f"""
with {_SCOPE_CTES}, {_SELECTED_UNITS_CTE}
select r.recommendation, count(*)::bigint as employees
from (
    select unnest(string_split(m.recommendations, ',')) as recommendation
    from read_parquet($fdm) as m
    join selected_units as u on u.unit_id = m.unit_id
    where m.period = $period and m.recommendations is not null
) as r
group by r.recommendation
order by r.recommendation
"""

# Personal data: no row unless the scope may see it.
_DEVELOPMENT_CELL_SQL = f"""
with {_SCOPE_CTES}, {_SELECTED_UNITS_CTE}
select m.nip, e.full_name, u.unit_name, m.avg_capaian_pct::double as avg_capaian_pct,
    m.recommendations
from read_parquet($fdm) as m
join selected_units as u on u.unit_id = m.unit_id
left join read_parquet($emp) as e on e.nip = m.nip
where $may_see_personal and m.period = $period
    and m.performance_axis = $performance and m.behaviour_axis = $behaviour
order by e.full_name, m.nip
"""


def _outputs_query(sql: str, release: Release, scope: Scope, **filters: object) -> pd.DataFrame:
    """Run ``sql`` with the issue-11 marts bound; an empty frame when the release lacks one."""
    folder = _release_dir(release)
    paths = {name: mart_source(folder, mart) for mart, name in OUTPUT_MART_PARAMS.items()}
    if any(path is None for path in paths.values()):
        return pd.DataFrame()
    return _query(sql, _params(release, scope, **paths, **filters))


@_cached
def scope_unit_choices(release: Release, scope: Scope) -> pd.DataFrame:
    """Every unit of the scope, tree order (for a unit selector).

    Grain: one row per unit. Source: dim_org_unit.
    """
    return _query(_SCOPE_UNIT_CHOICES_SQL, _params(release, scope))


@_cached
def output_realisation(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The RKAKL outputs owned by the unit's subtree (inside the scope) at the period's end
    (R11), TERTINGGAL first, then by the points they trail the plan. Aggregates only.

    Grain: one row per output. Source: fct_output_realisation ⋈ dim_org_unit.
    """
    return _outputs_query(_OUTPUTS_SQL, release, scope, unit=unit_id, period=period)


@_cached
def output_trend(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The unit's subtree roll-up per period (R11): budget-weighted realisation against the
    plan, outputs behind plan, the share of credited minutes with no output. None outside the
    scope.

    Grain: one row per period. Source: fct_output_realisation_unit (SUBTREE).
    """
    return _outputs_query(_OUTPUT_TREND_SQL, release, scope, unit=unit_id)


@_cached
def output_child_units(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The R11 subtree roll-up of the unit's child units in one period, most minutes with no
    output first.

    Grain: one row per child unit. Source: fct_output_realisation_unit (SUBTREE).
    """
    return _outputs_query(_OUTPUT_CHILD_UNITS_SQL, release, scope, unit=unit_id, period=period)


@_cached
def development_grid(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """Employees per cell of the R12 performance × behaviour grid in the unit's subtree (inside
    the scope). Counts only.

    Grain: one row per non-empty cell. Source: fct_development_map ⋈ dim_org_unit.
    """
    return _outputs_query(_DEVELOPMENT_GRID_SQL, release, scope, unit=unit_id, period=period)


@_cached
def development_recommendations(
    release: Release, scope: Scope, unit_id: str, period: str
) -> pd.DataFrame:
    """Employees per R12 recommendation code in the unit's subtree (an employee may count under
    several). Counts only.

    Grain: one row per recommendation code. Source: fct_development_map.
    """
    sql = _DEVELOPMENT_RECOMMENDATIONS_SQL
    return _outputs_query(sql, release, scope, unit=unit_id, period=period)


@_cached
def development_cell_employees(
    release: Release,
    scope: Scope,
    unit_id: str,
    period: str,
    performance_axis: str,
    behaviour_axis: str,
) -> pd.DataFrame:
    """The employees of one grid cell in the unit's subtree: personal data, so no rows for a
    scope without ``may_see_personal``.

    Grain: one row per employee. Source: fct_development_map ⋈ dim_employee ⋈ dim_org_unit.
    """
    return _outputs_query(
        _DEVELOPMENT_CELL_SQL,
        release,
        scope,
        unit=unit_id,
        period=period,
        performance=performance_axis,
        behaviour=behaviour_axis,
    )
