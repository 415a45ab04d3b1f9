"""Staffing adequacy (R6, PermenPAN-RB 1/2020) for the Beban Kerja page: EJ, PJ band, FTE gap
and verdict per unit, the 12-month projection, the bands in force and the what-if.

Every band and verdict shown is the mart's (fct_staffing_adequacy, fct_staffing_projection);
the what-if classifies a moved EJ in SQL with the published dim_staffing_band rows. No threshold
lives in Python.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

STAFFING_SCOPES = ("DIRECT", "SUBTREE")


def _staff_scope(staff_scope: str) -> str:
    if staff_scope not in STAFFING_SCOPES:
        raise ValueError(f"staff_scope must be one of {STAFFING_SCOPES}, not {staff_scope!r}")
    return staff_scope


@cached
def staffing_units(
    release: Release, scope: Scope, period: str | None, staff_scope: str = "DIRECT"
) -> pd.DataFrame:
    """R6 of each unit of the scope: EJ, PJ band, gap, verdict, monthly; one period, or every
    month when ``period`` is None (the heatmap).

    Grain: one row per unit per month. Source: fct_staffing_adequacy ⋈ fct_unit_monthly.
    """
    return run(
        "staffing__units", release, scope, period=period, staff_scope=_staff_scope(staff_scope)
    )


@cached
def staffing_projection(
    release: Release, scope: Scope, unit_id: str, staff_scope: str = "DIRECT"
) -> pd.DataFrame:
    """The 12-month R6 projection of one unit of the scope (none for a unit outside it).

    Grain: one row per month ahead. Source: fct_staffing_projection.
    """
    return run(
        "staffing__projection",
        release,
        scope,
        unit_id=unit_id,
        staff_scope=_staff_scope(staff_scope),
    )


@cached
def staffing_bands(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The PJ and VERDICT EJ bands of the rule set in force on the period's first day: the
    rows fct_staffing_adequacy classified with (policy, not personal data).

    Grain: one row per band kind per code. Source: dim_staffing_band.
    """
    return run("staffing__bands", release, scope, period=period)


@cached
def what_if(
    release: Release,
    scope: Scope,
    period: str,
    from_unit_id: str,
    to_unit_id: str,
    moved_fte: float,
    staff_scope: str = "DIRECT",
) -> pd.DataFrame:
    """Both units before and after moving ``moved_fte`` FTE from ``from_unit_id`` to
    ``to_unit_id`` in ``period``: FTE, EJ, gap, PJ band and verdict (R6), the workload held.
    No row for a unit outside the scope or suppressed.

    Grain: at most two rows, the giving unit first. Source: fct_staffing_adequacy,
    dim_staffing_band.
    """
    if from_unit_id == to_unit_id:
        raise ValueError("the two units must differ")
    return run(
        "staffing__what_if",
        release,
        scope,
        period=period,
        from_unit_id=from_unit_id,
        to_unit_id=to_unit_id,
        moved_fte=float(moved_fte),
        staff_scope=_staff_scope(staff_scope),
    )
