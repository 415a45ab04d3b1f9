"""Run the whole pipeline through Dagster, in this process (used by ``eperf run`` and tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass

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
    )
