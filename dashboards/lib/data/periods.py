"""The status of each period: open (reports still awaiting verification, leave pending) or
closed and paid. Computed in the marts (dim_period), only shown here.

Source: dim_period. A release published before that mart shows the status as unknown.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run
from eperf.formats import PERIOD_OPEN

COLUMNS = (
    "period",
    "status",
    "closed_at",
    "reports_pending",
    "reports_pending_pct",
    "leave_pending",
    "quarantined_rows",
    "employee_months_marked",
)


@cached
def period_statuses(release: Release, scope: Scope) -> pd.DataFrame:
    """Every row of dim_period (empty when the release lacks the mart).

    Grain: one row per period. Ministry-wide counts, not personal data: the scope only keys
    the cache.
    """
    return run("periods__status", release, scope, if_missing=pd.DataFrame(columns=COLUMNS))


def status_of(release: Release, scope: Scope, period: str | None) -> dict | None:
    """The dim_period row of ``period`` as a dict, None when the release does not know it."""
    if period is None:
        return None
    frame = period_statuses(release, scope)
    rows = frame[frame["period"] == period]
    return None if rows.empty else rows.iloc[0].to_dict()


def latest_status(release: Release, scope: Scope) -> dict | None:
    """The dim_period row of the latest period: the status a page about every period (the
    data-quality page) shows, None when the release does not know it."""
    frame = period_statuses(release, scope)
    return None if frame.empty else frame.iloc[-1].to_dict()


def open_periods(release: Release, scope: Scope) -> frozenset[str]:
    """The periods still open (their figures provisional)."""
    frame = period_statuses(release, scope)
    return frozenset(frame.loc[frame["status"] == PERIOD_OPEN, "period"].astype(str))


def is_open(status: dict | None) -> bool:
    """True for a period still open (its figures provisional)."""
    return bool(status) and status.get("status") == PERIOD_OPEN
