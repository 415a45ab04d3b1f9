"""Run the pipeline through Dagster, in this process (used by ``eperf run`` and tests).

Two runs, one after the other (orchestration/defs/automation.py): the device files of the
window's days (``ingest_attendance_daily``), then the marts of its months and publication
(``score_monthly``). Without a window both runs cover every partition and build everything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from eperf.config import Settings
from eperf.periods import Window, day_keys

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"


@dataclass(frozen=True)
class PipelineResult:
    """What a run did: success, its id, failed steps and failed checks (with severity)."""

    success: bool
    run_id: str
    failed_steps: list[str]
    failed_checks: list[str]
    materialized: int
    run_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # first line of each failed step's error
    # the dbt step succeeded without building: nothing it reads changed since the last
    # published build (eperf/build_inputs.py)
    build_skipped: bool = False


def dagster_home(settings: Settings) -> str:
    """DAGSTER_HOME (``settings.dagster_home``), else ``<data dir>/dagster_home`` (runs show in
    the UI), with its dagster.yaml written from the settings (orchestration/instance.py)."""
    from orchestration.instance import prepare_dagster_home

    home = settings.dagster_home or str(settings.data_dir / "dagster_home")
    prepare_dagster_home(Path(home), settings)
    return home


def data_days(settings: Settings) -> tuple[str, str] | None:
    """First and last day of the device export files: a CSV's name, a ZKTeco log's first and
    last lines (ingestion.device_files.export_days)."""
    from ingestion.device_files import export_days

    root = settings.attendance_dir
    days = sorted(
        day
        for path in (root.glob("*/*") if root.is_dir() else [])
        if (span := export_days(path))
        for day in span
    )
    return (days[0], days[-1]) if days else None


def clamp(partitions: dg.PartitionsDefinition, keys: tuple[str, str] | None) -> tuple[str, str]:
    """A key range limited to the partitions that exist (the last one when ``keys`` is None)."""
    first, last = partitions.get_first_partition_key(), partitions.get_last_partition_key()
    if keys is None:
        return last, last
    start, end = max(keys[0], first), min(keys[1], last)
    return (start, end) if start <= end else (last, last)


def partition_tags(
    partitions: dg.PartitionsDefinition,
    keys: tuple[str, str] | None,
    data_keys: tuple[str, str] | None = None,
) -> dict[str, str]:
    """Run tags selecting a partition range. With ``keys`` None the run builds everything (tag
    ``eperf/window=all``) and records the partitions the data spans (``data_keys``, clamped):
    marking every partition since EPERF_PARTITIONS_START would only add events. Keys outside
    the partitions are refused."""
    from orchestration.defs.partitions import WHOLE, WINDOW_TAG

    if keys is None:
        start, end = clamp(partitions, data_keys)
        return {RANGE_START: start, RANGE_END: end, WINDOW_TAG: WHOLE}
    known = set(partitions.get_partition_keys())
    missing = [k for k in keys if k not in known]
    if missing:
        raise ValueError(
            f"{', '.join(missing)} outside the partitions ({partitions}); "
            "set EPERF_PARTITIONS_START or run without a period"
        )
    return {RANGE_START: keys[0], RANGE_END: keys[1]}


def run_pipeline(
    settings: Settings | None = None,
    window: Window | None = None,
    days: tuple[str, str] | None = None,
) -> PipelineResult:
    """Ingest, build and publish ``window`` (inclusive periods), or everything when None.
    ``days`` (first, last ISO dates) narrows the attendance run to those days, as the device
    export sensor does for one changed day; by default it covers the window's days."""
    settings = settings or Settings.from_env()
    os.environ.update(settings.as_env())
    os.environ["DAGSTER_HOME"] = dagster_home(settings)
    from orchestration.definitions import defs  # imported late: built from the settings above
    from orchestration.defs.automation import attendance_job, scoring_job
    from orchestration.defs.partitions import daily_partitions, monthly_partitions

    definitions = defs()
    data = data_days(settings)
    months = data and (data[0][:7], data[1][:7])
    plan = [
        (
            attendance_job.name,
            partition_tags(daily_partitions, days or (window and day_keys(window)), data),
        ),
        (scoring_job.name, partition_tags(monthly_partitions, window, months)),
    ]
    quiet = {"loggers": {"console": {"config": {"log_level": settings.log_level}}}}
    run_ids, failed_steps, failed_checks, errors, materialized = [], [], [], [], 0
    build_skipped = False
    success = True
    with dg.DagsterInstance.get() as instance:
        for job_name, tags in plan:
            job = definitions.resolve_job_def(job_name)
            result = job.execute_in_process(
                instance=instance, raise_on_error=False, run_config=quiet, tags=tags
            )
            run_ids.append(result.run_id)
            failed_steps += sorted(result.get_failed_step_keys())
            errors += step_errors(result)
            failed_checks += [
                f"{e.check_name} on {e.asset_key.to_user_string()} ({e.severity.value})"
                + (f": {e.description}" if e.description else "")
                for e in result.get_asset_check_evaluations()
                if not e.passed
            ]
            materialized += len(result.get_asset_materialization_events())
            build_skipped = build_skipped or _dbt_step_built_nothing(result)
            if not result.success:
                success = False
                break
    return PipelineResult(
        success=success,
        run_id=run_ids[-1],
        failed_steps=failed_steps,
        # Both jobs ingest the employees and devices (their blocking checks guard publication),
        # so the same check can fail in each run: report it once.
        failed_checks=list(dict.fromkeys(failed_checks)),
        materialized=materialized,
        run_ids=run_ids,
        errors=errors,
        build_skipped=build_skipped,
    )


def _dbt_step_built_nothing(result) -> bool:
    """True when the run's dbt step succeeded and materialized nothing."""
    from orchestration.defs.transform.assets import eperf_dbt_models

    step = eperf_dbt_models.op.name
    succeeded = any(e.step_key == step for e in result.all_events if e.is_step_success)
    return succeeded and not any(
        e.step_key == step for e in result.get_asset_materialization_events()
    )


def step_errors(result) -> list[str]:
    """``step: message`` for each failed step, from the first error below Dagster's own wrappers
    (e.g. which source was unreachable), so the command line says why without the Dagster UI."""
    errors = []
    for event in result.all_events:
        if not event.is_step_failure:
            continue
        error = event.step_failure_data.error
        while error is not None and (error.cls_name or "").startswith("Dagster") and error.cause:
            error = error.cause
        message = (error.message if error else "").strip().splitlines()
        errors.append(f"{event.step_key}: {message[0] if message else 'failed'}")
    return errors
