"""Attendance integrity flags (R10) for the Kinerja page: counts per unit and flag, and the
flags themselves (personal data).

Source: fct_integrity_flags ⋈ dim_employee.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import PERSON_LIST_LIMIT, Release, cached, run


@cached
def integrity_flag_counts(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """R10 flags of the period per unit and flag code (flags and distinct employees/devices);
    units under the small-group limit are left out.

    Grain: one row per unit per flag code. Source: fct_integrity_flags.
    """
    return run("integrity__flag_counts", release, scope, period=period)


@cached
def integrity_flags(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The R10 flags of the period with NIP and name: personal data, no rows for a scope
    without ``may_see_personal``.

    Grain: one row per flag. Source: fct_integrity_flags ⋈ dim_employee.
    """
    return run("integrity__flags", release, scope, period=period, limit=PERSON_LIST_LIMIT)
