"""Run the whole pipeline through Dagster, in this process (used by ``eperf run`` and tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import dagster as dg

from eperf.config import Settings


@dataclass(frozen=True)
class PipelineResult:
    success: bool
    run_id: str
    failed_steps: list[str]


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
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    failed = [e.step_key for e in result.all_events if e.is_step_failure]
    return PipelineResult(result.success, result.run_id, failed)
