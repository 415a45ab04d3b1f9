"""Development map (R12) for the Pengembangan page: employees per cell of the performance ×
behaviour grid and per recommendation in a unit's subtree (counts), and the employees of one
cell (personal data).

A release published before fct_development_map serves every other page: these functions then
return empty frames. Source: fct_development_map ⋈ dim_org_unit ⋈ dim_employee.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

_NONE = pd.DataFrame()


@cached
def development_grid(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """Employees per cell of the R12 performance × behaviour grid in the unit's subtree (inside
    the scope). Counts only.

    Grain: one row per non-empty cell. Source: fct_development_map ⋈ dim_org_unit.
    """
    return run(
        "development__grid", release, scope, if_missing=_NONE, unit_id=unit_id, period=period
    )


@cached
def development_recommendations(
    release: Release, scope: Scope, unit_id: str, period: str
) -> pd.DataFrame:
    """Employees per R12 recommendation code in the unit's subtree (an employee may count under
    several). Counts only.

    Grain: one row per recommendation code. Source: fct_development_map.
    """
    return run(
        "development__recommendations",
        release,
        scope,
        if_missing=_NONE,
        unit_id=unit_id,
        period=period,
    )


@cached
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
    return run(
        "development__cell_employees",
        release,
        scope,
        if_missing=_NONE,
        unit_id=unit_id,
        period=period,
        performance_axis=performance_axis,
        behaviour_axis=behaviour_axis,
    )
