"""Outputs and budget (R11) for the Output & Anggaran page: the RKAKL outputs of a unit's
subtree, its roll-up over the periods and that of its child units. Aggregates only.

A release published before these marts still serves every other page: these functions then
return empty frames. Source: fct_output_realisation, fct_output_realisation_unit.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

_NONE = pd.DataFrame()


@cached
def output_realisation(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The RKAKL outputs owned by the unit's subtree (inside the scope) at the period's end
    (R11), TERTINGGAL first, then by the points they trail the plan. Aggregates only.

    Grain: one row per output. Source: fct_output_realisation ⋈ dim_org_unit.
    """
    return run(
        "outputs__realisation", release, scope, if_missing=_NONE, unit_id=unit_id, period=period
    )


@cached
def output_trend(release: Release, scope: Scope, unit_id: str) -> pd.DataFrame:
    """The unit's subtree roll-up per period (R11): budget-weighted realisation against the
    plan, outputs behind plan, the share of credited minutes with no output. None outside the
    scope.

    Grain: one row per period. Source: fct_output_realisation_unit (SUBTREE).
    """
    return run("outputs__trend", release, scope, if_missing=_NONE, unit_id=unit_id)


@cached
def output_child_units(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """The R11 subtree roll-up of the unit's child units in one period, most minutes with no
    output first.

    Grain: one row per child unit. Source: fct_output_realisation_unit (SUBTREE).
    """
    return run(
        "outputs__child_units", release, scope, if_missing=_NONE, unit_id=unit_id, period=period
    )
