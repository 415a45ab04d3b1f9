"""Attendance (R2): one employee's days for the statement, and the check-in times of the scope
for the Kedisiplinan page.

Source: fct_attendance_daily.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

CHECKIN_BUCKET_MINUTES = 15


@cached
def attendance_days(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """The employee's attendance days in the period (R2), if the employee-month is visible.

    Grain: one row per workday with an assignment. Source: fct_attendance_daily.
    """
    return run("attendance__days", release, scope, nip=nip, period=period)


@cached
def checkin_distribution(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Check-ins of the scope in a period by ISO weekday and time of day (R2 check-in times in
    ``CHECKIN_BUCKET_MINUTES`` buckets); no rows for a scope with fewer employees than the
    small-group limit.

    Grain: one row per weekday per bucket. Source: fct_attendance_daily.
    """
    return run(
        "attendance__checkin_distribution",
        release,
        scope,
        period=period,
        bucket_minutes=CHECKIN_BUCKET_MINUTES,
    )
