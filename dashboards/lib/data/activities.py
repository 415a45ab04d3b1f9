"""What each person did (R3 activity reports): one employee-month's reports for the statement,
a unit head's view of their people and of the reports waiting for review, and what a unit
subtree produced, per catalogue activity and per child unit.

Who sees what: a report's free-text description, and any NIP or name, only where the
employee-month is visible (``visible_months``: the employee, and the supervisors whose subtree
holds them); the volumes are aggregates, suppressed for small groups for aggregate-only roles.
A release published before these marts still serves every other page: these functions then
return empty frames. Source: fct_activity_reports, fct_review_backlog, dim_policy_parameter.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import PERSON_LIST_LIMIT, Release, cached, run

_NONE = pd.DataFrame()
# The catalogue activities a team view lists: the ones that make up most of the work.
TOP_ACTIVITIES = 10


def _of_subtree(query: str, release: Release, scope: Scope, unit_id: str, period: str, **params):
    """``query`` over the subtree of ``unit_id`` in ``period`` (empty without the marts)."""
    return run(query, release, scope, if_missing=_NONE, unit_id=unit_id, period=period, **params)


@cached
def employee_reports(release: Release, scope: Scope, nip: str, period: str) -> pd.DataFrame:
    """Every activity report of one employee-month, deleted ones included, by day, when the
    month is visible to the scope (its description with it).

    Grain: one row per report. Source: fct_activity_reports.
    """
    return run(
        "activities__employee_reports", release, scope, if_missing=_NONE, nip=nip, period=period
    )


@cached
def daily_limits(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """The R3 daily target and cap of credited minutes in force during the period, with their
    regulation (rule rows, not personal data: the scope only keys the cache).

    Grain: one row per parameter per validity. Source: dim_policy_parameter.
    """
    return run("activities__daily_limits", release, scope, if_missing=_NONE, period=period)


@cached
def team(
    release: Release, scope: Scope, unit_id: str, period: str, limit: int = PERSON_LIST_LIMIT
) -> pd.DataFrame:
    """The month of each employee of the unit's subtree: reports submitted, pending and
    rejected, outputs credited, credited and target minutes, capaian so far; most reports
    waiting first, at most ``limit``. Personal data: empty for a scope without it.

    Grain: one row per employee. Source: fct_activity_reports, fct_employee_monthly.
    """
    return _of_subtree("activities__team", release, scope, unit_id, period, limit=limit)


@cached
def review_backlog(
    release: Release, scope: Scope, unit_id: str, period: str, limit: int = PERSON_LIST_LIMIT
) -> pd.DataFrame:
    """The review queue of each supervisor of the unit's subtree: pending reports, the oldest
    one's age, median review days, share reviewed within the policy's target; the longest wait
    first, at most ``limit``. Personal data.

    Grain: one row per supervisor. Source: fct_review_backlog.
    """
    return _of_subtree("activities__review_backlog", release, scope, unit_id, period, limit=limit)


@cached
def pending_reports(
    release: Release, scope: Scope, unit_id: str, period: str, limit: int = PERSON_LIST_LIMIT
) -> pd.DataFrame:
    """The subtree's reports still waiting for approval, the longest waiting first (at most
    ``limit``). Personal data.

    Grain: one row per report. Source: fct_activity_reports.
    """
    return _of_subtree("activities__pending_reports", release, scope, unit_id, period, limit=limit)


@cached
def top_activities(
    release: Release, scope: Scope, unit_id: str, period: str, limit: int = TOP_ACTIVITIES
) -> pd.DataFrame:
    """The catalogue activities the subtree's people report most. Personal-data roles only.

    Grain: one row per activity and output unit. Source: fct_activity_reports.
    """
    return _of_subtree("activities__top_activities", release, scope, unit_id, period, limit=limit)


@cached
def volumes(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """What the unit's subtree produced per catalogue activity (credited reports), with the
    RKAKL output each serves. Aggregates, small groups suppressed for aggregate-only roles.

    Grain: one row per activity and output unit. Source: fct_activity_reports.
    """
    return _of_subtree("activities__volumes", release, scope, unit_id, period)


@cached
def volumes_by_unit(release: Release, scope: Scope, unit_id: str, period: str) -> pd.DataFrame:
    """What each child unit's subtree produced: credited reports, employees reporting, credited
    minutes, the share serving an RKAKL output. Aggregates, suppressed as above.

    Grain: one row per child unit. Source: fct_activity_reports, fct_unit_monthly.
    """
    return _of_subtree("activities__volumes_by_unit", release, scope, unit_id, period)
