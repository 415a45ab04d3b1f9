"""When the pipeline runs by itself: a sensor on the device export folder and a morning schedule.

Two partitioned jobs share the graph:
- ``ingest_attendance_daily`` (a day): the HR database and the device table, which the punches
  are checked against (incremental, cheap), and the device files of that day, with their checks;
- ``score_monthly`` (a month): every database table (their blocking checks guard this run),
  public holidays, every dbt model for that month (vars period_from/period_to) and publication.
  The app database, with its 21 million activity reports a year, is thus read once a day.
A backfill of any range, from the UI or ``eperf run --from --to``, is one run per job
(``BackfillPolicy.single_run``). The instance runs one run at a time (orchestration/instance.py),
in the order requested: DuckDB has a single writer.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import dagster as dg

from eperf.config import Settings
from eperf.periods import period_of, periods_to_rebuild
from ingestion.device_files import FILE_NAME, export_days, export_kind
from orchestration.defs.partitions import TIMEZONE, daily_partitions, monthly_partitions

ATTENDANCE = dg.AssetKey(["attendance", "punch"])
# More changed days than this in one tick make one range run per job, not a run per day.
MAX_DAY_RUNS = 7

attendance_job = dg.define_asset_job(
    "ingest_attendance_daily",
    # the punches and what they and the devices are checked against: the HR master (small), the
    # devices and their enrolment; not the app database's activity reports, read by the scoring
    # run
    selection=dg.AssetSelection.key_prefixes(["simpeg"])
    | dg.AssetSelection.assets(["app", "attendance_device"], ["app", "device_user"], ATTENDANCE),
    partitions_def=daily_partitions,
    description="Ingest the employees, the devices and the device export files of the "
    "partition's days.",
)

scoring_job = dg.define_asset_job(
    "score_monthly",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(ATTENDANCE),
    partitions_def=monthly_partitions,
    description="Ingest the databases, rebuild and test the marts of the partition's months, "
    "publish the serving release.",
)


@dg.schedule(
    job=scoring_job,
    cron_schedule="0 6 * * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    name="daily_refresh_0600_wib",
    description="06:00 WIB: ingest the databases and rebuild the previous and the current month.",
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    today = context.scheduled_execution_time.date()
    for period in periods_to_rebuild(today):
        yield dg.RunRequest(run_key=f"{today}:{period}", partition_key=period)


def folder_fingerprint(settings: Settings) -> dict[str, list]:
    """``<device>/<date>.csv`` or ``<device>/<name>.dat`` -> [size, mtime_ns] for every export
    file in the folder."""
    root = settings.attendance_dir
    if not root.is_dir():
        return {}
    prints = {}
    for path in sorted(root.glob("*/*")):
        if path.is_file() and export_kind(path.name):
            stat = path.stat()
            prints[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return prints


def changed_device_days(previous: dict[str, list], current: dict[str, list]) -> list[str]:
    """Device-day files that are new or whose size or modification time changed."""
    return sorted(name for name, stamp in current.items() if previous.get(name) != stamp)


def day_of(device_day: str) -> str:
    """``DEV/2025-01-02.csv`` -> ``2025-01-02``."""
    return FILE_NAME.match(device_day.rsplit("/", 1)[-1]).group(1)


def days_of(name: str, root: Path | None) -> list[str]:
    """The days an export file covers: a CSV's named day; every day from a ZKTeco log's first
    punch to its last (read from the file's two ends)."""
    if FILE_NAME.match(name.rsplit("/", 1)[-1]):
        return [day_of(name)]
    span = export_days(root / name) if root is not None else None
    if span is None:
        return []
    first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def runs_for_changes(
    changed: list[str],
    stamps: dict[str, list],
    known_days: set[str] | None = None,
    root: Path | None = None,
) -> list[dg.RunRequest]:
    """One attendance run per changed day (its partition), then one scoring run per month they
    fall in. More than MAX_DAY_RUNS days (a first start, a bulk re-send) become one range run
    per job instead (single-run backfill). Days outside the partitions (``known_days``) are left
    to a full ``eperf run``."""
    by_day: dict[str, list[str]] = {}
    for name in changed:
        for day in days_of(name, root):
            by_day.setdefault(day, []).append(name)
    days = sorted(d for d in by_day if known_days is None or d in known_days)
    if not days:
        return []
    digest = hashlib.sha256(
        json.dumps({f: stamps[f] for d in days for f in by_day[d]}).encode()
    ).hexdigest()
    months = sorted({period_of(date.fromisoformat(d)) for d in days})
    if len(days) > MAX_DAY_RUNS:
        return [
            _range_request(attendance_job.name, days[0], days[-1], digest, len(changed)),
            _range_request(scoring_job.name, months[0], months[-1], digest, len(changed)),
        ]
    requests = [
        dg.RunRequest(
            job_name=attendance_job.name,
            partition_key=day,
            run_key=f"{day}:{digest}",
            tags={"eperf/changed_device_days": ",".join(by_day[day])[:2000]},
        )
        for day in days
    ]
    requests += [
        dg.RunRequest(job_name=scoring_job.name, partition_key=period, run_key=f"{period}:{digest}")
        for period in months
    ]
    return requests


def _range_request(job: str, first: str, last: str, digest: str, files: int) -> dg.RunRequest:
    return dg.RunRequest(
        job_name=job,
        run_key=f"{first}..{last}:{digest}",
        tags={
            "dagster/asset_partition_range_start": first,
            "dagster/asset_partition_range_end": last,
            "eperf/changed_files": str(files),
        },
    )


@dg.sensor(
    jobs=[attendance_job, scoring_job],
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or re-sent device export files start a run for exactly their days, then "
    "rebuild their months.",
)
def device_export_sensor(context: dg.SensorEvaluationContext):
    previous = json.loads(context.cursor) if context.cursor else {}
    current = folder_fingerprint(Settings.from_env())
    changed = changed_device_days(previous, current)
    context.update_cursor(json.dumps(current))
    if not changed:
        return dg.SkipReason("no new or changed device export files")
    known = set(daily_partitions.get_partition_keys())
    requests = runs_for_changes(changed, current, known, Settings.from_env().attendance_dir)
    if not requests:
        return dg.SkipReason(f"{len(changed)} changed files, all outside the daily partitions")
    return requests


@dg.definitions
def automation() -> dg.Definitions:
    return dg.Definitions(
        jobs=[attendance_job, scoring_job],
        schedules=[daily_refresh],
        sensors=[device_export_sensor],
    )
