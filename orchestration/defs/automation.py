"""When the pipeline runs by itself: a sensor on the device export folder and a morning schedule.

The pipeline is incremental (unchanged files and source rows are skipped), so both start the same
job over every asset; the sensor names the device-days that changed in the run's tags.
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from eperf.config import Settings
from ingestion.device_files import FILE_NAME

pipeline_job = dg.define_asset_job(
    "eperf_pipeline",
    selection=dg.AssetSelection.all(),
    description="Ingest every source, build and test every mart, publish the serving release.",
)

# 06:00 WIB every day: ingest the databases and rebuild (issue 8).
daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh_0600_wib",
    job=pipeline_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def folder_fingerprint(settings: Settings) -> dict[str, list]:
    """``<device>/<date>.csv`` -> [size, mtime_ns] for every export file in the folder."""
    root = settings.attendance_dir
    if not root.is_dir():
        return {}
    prints = {}
    for path in sorted(root.glob("*/*")):
        if path.is_file() and FILE_NAME.match(path.name):
            stat = path.stat()
            prints[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return prints


def changed_device_days(previous: dict[str, list], current: dict[str, list]) -> list[str]:
    """Device-day files that are new or whose size or modification time changed."""
    return sorted(name for name, stamp in current.items() if previous.get(name) != stamp)


@dg.sensor(
    job=pipeline_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or re-sent device export files start a pipeline run.",
)
def device_export_sensor(context: dg.SensorEvaluationContext):
    previous = json.loads(context.cursor) if context.cursor else {}
    current = folder_fingerprint(Settings.from_env())
    changed = changed_device_days(previous, current)
    context.update_cursor(json.dumps(current))
    if not changed:
        return dg.SkipReason("no new or changed device export files")
    run_key = hashlib.sha256(json.dumps({c: current[c] for c in changed}).encode()).hexdigest()
    return dg.RunRequest(
        run_key=run_key,
        tags={
            "eperf/changed_device_days": ",".join(changed)[:2000],
            "eperf/changed_files": str(len(changed)),
        },
    )


@dg.definitions
def automation() -> dg.Definitions:
    return dg.Definitions(
        jobs=[pipeline_job], schedules=[daily_refresh], sensors=[device_export_sensor]
    )
