"""The org units and periods of the scope: the unit tree a page navigates.

Source: dim_org_unit (scope views of eperf.scoping), fct_unit_monthly, fct_employee_monthly.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run


@cached
def periods(release: Release, scope: Scope) -> list[str]:
    """The periods with rows the scope may see, oldest first."""
    return run("org__periods", release, scope)["period"].tolist()


@cached
def scope_tops(release: Release, scope: Scope) -> pd.DataFrame:
    """The top units of the scope (the ministry root for MENTERI, the account's unit otherwise).

    Grain: one row per unit. Source: dim_org_unit.
    """
    return run("org__scope_tops", release, scope)


@cached
def scope_unit_choices(release: Release, scope: Scope) -> pd.DataFrame:
    """Every unit of the scope, tree order (for a unit selector).

    Grain: one row per unit. Source: dim_org_unit.
    """
    return run("org__scope_unit_choices", release, scope)


@cached
def unit_info(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The unit, if it is in the scope; no row for a unit outside it (or unknown).

    Grain: at most one row. Source: dim_org_unit.
    """
    return run("org__unit_info", release, scope, unit_id=unit_id)


@cached
def unit_lineage(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The breadcrumb: the unit's ancestors inside the scope, from the top, the unit last.

    Grain: one row per unit. Source: dim_org_unit.
    """
    return run("org__unit_lineage", release, scope, unit_id=unit_id)
