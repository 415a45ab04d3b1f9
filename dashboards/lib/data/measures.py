"""R5 measures of the units of the scope (attendance, performance and tukin per unit and
month) and the members behind them: the overview and drill-down pages.

The measures are defined once, in SQL (``measures.sql``), with small-group suppression applied
there: each frame has a ``suppressed`` column, and a suppressed row keeps its identity, headcount
and FTE only. Source: fct_unit_monthly ⋈ dim_org_unit; fct_employee_monthly ⋈ dim_employee.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

ATTENTION_MIN_HEADCOUNT = 5
ATTENTION_LIMIT = 10


@cached
def period_summary(release: Release, scope: Scope) -> pd.DataFrame:
    """R5 measures of the whole scope per period, oldest first.

    Grain: one row per period. Source: fct_unit_monthly (SUBTREE rows of the scope's top units).
    """
    return run("measures__period_summary", release, scope)


@cached
def child_units(
    release: Release, scope: Scope, period: str, parent_unit_id: str | None = None
) -> pd.DataFrame:
    """R5 subtree measures of the child units of ``parent_unit_id`` (default: of the scope's
    top units, e.g. the eselon I units for MENTERI) in one period.

    Grain: one row per child unit. Source: fct_unit_monthly (SUBTREE) ⋈ dim_org_unit.
    """
    return run(
        "measures__child_units", release, scope, period=period, parent_unit_id=parent_unit_id
    )


@cached
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
    return run(
        "measures__units_needing_attention",
        release,
        scope,
        period=period,
        min_headcount=min_headcount,
        limit=limit,
    )


@cached
def unit_measures(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """R5 subtree measures of one unit of the scope per period, oldest first.

    Grain: one row per period. Source: fct_unit_monthly (SUBTREE).
    """
    return run("measures__unit_measures", release, scope, unit_id=unit_id)


@cached
def unit_employees(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The direct members of a unit with their month's figures: personal data, so no rows for
    a scope without ``may_see_personal``.

    Grain: one row per employee. Source: fct_employee_monthly ⋈ dim_employee.
    """
    return run("measures__unit_employees", release, scope, unit_id=unit_id, period=period)
