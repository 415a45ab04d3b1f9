"""Source freshness as asset checks (WARN, never blocking) beside the assets they guard.

A source is stale when its newest change is older than ``EPERF_FRESHNESS_HOURS`` (default 72:
a weekend without exports or reports is normal, three days is not). The database tables are
judged by their newest ``updated_at`` (UTC, SOURCES.md) in the raw table; the device exports by
the newest file in the export folder.
"""

from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg

from eperf.config import Settings
from orchestration.defs.resources import WarehouseResource

# Sources that change every working day; reference tables (units, catalogue) may rest for months.
DATABASE_TABLES = (("app", "activity_report"), ("app", "leave_request"), ("simpeg", "employee"))


def max_age_hours(settings: Settings | None = None) -> float:
    """``EPERF_FRESHNESS_HOURS`` (``settings.freshness_hours``)."""
    return (settings or Settings.from_env()).freshness_hours


def freshness(newest: datetime | None, now: datetime, hours: float) -> tuple[bool, float | None]:
    """(fresh, age in hours) of a source whose newest change is ``newest`` (naive = UTC)."""
    if newest is None:
        return False, None
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=UTC)
    age = (now - newest).total_seconds() / 3600
    return age <= hours, round(age, 1)


def newest_file_time(settings: Settings) -> datetime | None:
    """Modification time of the newest export file (CSV or ZKTeco log) in the folder."""
    from ingestion.device_files import export_kind

    root = settings.attendance_dir
    stamps = [
        p.stat().st_mtime
        for p in (root.glob("*/*") if root.is_dir() else [])
        if p.is_file() and export_kind(p.name)
    ]
    return datetime.fromtimestamp(max(stamps), UTC) if stamps else None


def _result(newest: datetime | None, what: str) -> dg.AssetCheckResult:
    hours = max_age_hours()
    fresh, age = freshness(newest, datetime.now(UTC), hours)
    return dg.AssetCheckResult(
        passed=fresh,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"newest {what}: "
        + ("none" if newest is None else f"{newest.isoformat()} ({age} h old, limit {hours} h)"),
        metadata={"newest": str(newest), "age_hours": age, "max_age_hours": hours},
    )


def _table_check(source: str, table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey([source, table]),
        name=f"{source}__{table}__fresh",
        description=f"WARN when the newest updated_at of {source}.{table} is older than "
        "EPERF_FRESHNESS_HOURS.",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            newest = con.execute(f"select max(updated_at) from raw.{source}__{table}").fetchone()[0]
        return _result(newest, "updated_at")

    return _check


def _device_check() -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(["attendance", "punch"]),
        name="attendance__device_export__fresh",
        description="WARN when the newest device export file is older than EPERF_FRESHNESS_HOURS.",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        return _result(newest_file_time(warehouse.settings), "device export file")

    return _check


@dg.definitions
def freshness_checks() -> dg.Definitions:
    return dg.Definitions(
        asset_checks=[_device_check(), *(_table_check(s, t) for s, t in DATABASE_TABLES)]
    )
