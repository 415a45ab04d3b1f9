"""Regular promotion (R8, PP 99/2000 jo. PP 12/2002) for the Promosi page: status and blocking
reasons per group, and the employees themselves (personal data).

Source: fct_promotion_eligibility ⋈ fct_employee_monthly ⋈ dim_employee.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import PERSON_LIST_LIMIT, Release, cached, run

# R8: the annual predicates of the last two complete years (policy_parameters
# promotion_predicate_years).
PREDICATE_YEARS = 2


@cached
def promotion_summary(
    release: Release, scope: Scope, period: str, parent_unit_id: str
) -> pd.DataFrame:
    """R8 status and blocking-reason counts of the subtree of ``parent_unit_id`` (group_kind
    PARENT) and of each child's subtree (CHILD); ``PREDIKAT_TAHUN_<YYYY>`` counts as
    ``PREDIKAT_TAHUN``. A small group is one row with ``suppressed`` and no counts.

    Grain: one row per group per code. Source: fct_promotion_eligibility ⋈ fct_employee_monthly.
    """
    return run("promotion__summary", release, scope, period=period, parent_unit_id=parent_unit_id)


@cached
def promotion_list(
    release: Release, scope: Scope, period: str, status: str | None = None
) -> pd.DataFrame:
    """Employees' R8 promotion status with reasons: personal data, no rows for a scope without
    ``may_see_personal``.

    Grain: one row per employee. Source: fct_promotion_eligibility ⋈ dim_employee.
    """
    return run(
        "promotion__list",
        release,
        scope,
        period=period,
        status=status,
        limit=PERSON_LIST_LIMIT,
    )


@cached
def complete_history_years(release: Release, scope: Scope, period: str) -> int:
    """Complete calendar years of history (twelve periods) of the scope before ``period``'s
    year. Source: fct_unit_monthly."""
    frame = run("promotion__history_years", release, scope, period=period)
    return int(frame["years"].iloc[0]) if not frame.empty else 0
