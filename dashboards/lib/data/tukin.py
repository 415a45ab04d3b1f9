"""The tukin statement of one employee-month (R4): which employees the scope may open, the
month's figures and its withheld-rupiah lines. Personal data: rows only of employee-months the
scope may see (``visible_months``: its units' members for a personal-data role, and always the
user's own NIP).

Source: fct_employee_monthly ⋈ dim_employee ⋈ dim_org_unit, fct_tukin_lines.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

EMPLOYEE_OPTIONS_LIMIT = 500


@cached
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
    return run(
        "tukin__employee_options",
        release,
        scope,
        period=period,
        search=search.strip(),
        limit=limit,
    )


@cached
def employee_month(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """One employee's month (every fct_employee_monthly column, its TL and PSW totals, name and
    unit names), or no row when it is outside the scope.

    Grain: at most one row. Source: fct_employee_monthly ⋈ dim_employee ⋈ dim_org_unit.
    """
    return run("tukin__employee_month", release, scope, nip=nip, period=period)


@cached
def tukin_lines(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """Every withheld-rupiah line of the employee's month (R4), if the month is visible.

    Grain: one row per line, in ``line_no`` order. Source: fct_tukin_lines.
    """
    return run("tukin__lines", release, scope, nip=nip, period=period)
