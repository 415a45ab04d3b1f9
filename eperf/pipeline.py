"""Run the whole pipeline through Dagster, in this process (used by ``eperf run`` and tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import dagster as dg

from eperf.config import Settings


@dataclass(frozen=True)
class PipelineResult:
    """What a run did: success, its id, failed steps and failed checks (with severity)."""

    success: bool
    run_id: str
    failed_steps: list[str]
    failed_checks: list[str]
    materialized: int
    errors: list[str] = field(default_factory=list)  # first line of each failed step's error


def dagster_home(settings: Settings) -> str:
    """DAGSTER_HOME from the environment, else ``<data dir>/dagster_home`` (runs show in the UI)."""
    home = os.environ.get("DAGSTER_HOME") or str(settings.data_dir / "dagster_home")
    os.makedirs(home, exist_ok=True)
    return home


def run_pipeline(settings: Settings | None = None) -> PipelineResult:
    """Materialise every asset (ingest, dbt build, publish) in one Dagster run."""
    settings = settings or Settings.from_env()
    os.environ.update(settings.as_env())
    os.environ["DAGSTER_HOME"] = dagster_home(settings)
    from orchestration.definitions import defs  # imported late: it reads the environment

    definitions = defs()
    job = definitions.resolve_implicit_global_asset_job_def()
    quiet = {
        "loggers": {
            "console": {"config": {"log_level": os.environ.get("EPERF_LOG_LEVEL", "WARNING")}}
        }
    }
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=quiet)
    failed_checks = [
        f"{e.check_name} on {e.asset_key.to_user_string()} ({e.severity.value})"
        for e in result.get_asset_check_evaluations()
        if not e.passed
    ]
    return PipelineResult(
        success=result.success,
        run_id=result.run_id,
        failed_steps=sorted(result.get_failed_step_keys()),
        failed_checks=failed_checks,
        materialized=len(result.get_asset_materialization_events()),
        errors=step_errors(result),
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
