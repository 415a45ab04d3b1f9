"""Discipline (R7, PP 94/2021) for the Kedisiplinan page: TL, PSW and TK per unit, the
referrals per unit and sanction, and the referrals themselves (personal data).

Source: fct_unit_monthly, fct_discipline_referral ⋈ fct_employee_monthly ⋈ dim_employee.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import PERSON_LIST_LIMIT, Release, cached, run


@cached
def discipline_by_unit(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """TL and PSW counts, TK days and TK rate of the direct members of each unit of the scope.

    Grain: one row per unit with members in the period. Source: fct_unit_monthly (DIRECT).
    """
    return run("discipline__by_unit", release, scope, period=period)


@cached
def discipline_referral_counts(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """R7 referrals of the period per unit and recommended sanction (aggregate, every role with
    the page); units under the small-group limit are left out.

    Grain: one row per unit per sanction. Source: fct_discipline_referral ⋈ fct_employee_monthly.
    """
    return run("discipline__referral_counts", release, scope, period=period)


@cached
def discipline_referrals(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The R7 referrals of the period with NIP and name: personal data, no rows for a scope
    without ``may_see_personal``.

    Grain: one row per employee per trigger. Source: fct_discipline_referral ⋈ dim_employee.
    """
    return run("discipline__referrals", release, scope, period=period, limit=PERSON_LIST_LIMIT)
