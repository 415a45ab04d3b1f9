"""dbt models, seeds and tests as Dagster assets and asset checks (dagster-dbt)."""

from contextlib import AbstractContextManager

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from eperf import periods
from eperf.config import scoped_environment
from eperf.periods import Window
from orchestration.defs.partitions import monthly_partitions, run_periods
from orchestration.defs.transform.parse_state import keep_partial_parse, project_target_path
from orchestration.defs.transform.project import dbt_project


class EperfDbtTranslator(DagsterDbtTranslator):
    """Asset keys are the dbt node names (sources keep ``[source, table]``, the ingestion keys);
    groups follow the dbt layer folder (staging, intermediate, marts) or 'policy' for seeds."""

    def get_asset_key(self, dbt_resource_props) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey(dbt_resource_props["name"])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "policy"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else None


DBT_BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]


def dbt_window_env(window: Window | None) -> dict[str, str]:
    """The environment naming a partition run's window to dbt (macro ``partition_window``), so
    the partitioned models recompute only those periods; empty values for a full build.

    Not ``--vars``: a change of vars makes dbt re-parse the whole project, a changed
    environment variable only the files that read it."""
    dbt_vars = periods.dbt_vars(window)
    return {
        "EPERF_PERIOD_FROM": dbt_vars.get("period_from", ""),
        "EPERF_PERIOD_TO": dbt_vars.get("period_to", ""),
    }


def environment(values: dict[str, str]) -> AbstractContextManager[None]:
    """``os.environ`` updated with ``values`` inside the block, restored after it."""
    return scoped_environment(values)


@dbt_assets(
    manifest=dbt_project().manifest_path,
    project=dbt_project(),
    dagster_dbt_translator=EperfDbtTranslator(),
    partitions_def=monthly_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def eperf_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Build every seed and model and run every data test (unit tests run in `make test`) for
    the run's months (a backfill range runs once, with EPERF_PERIOD_FROM/EPERF_PERIOD_TO)."""
    with environment(dbt_window_env(run_periods(context))):
        invocation = dbt.cli(DBT_BUILD_ARGS, context=context)  # the process starts here
    try:
        yield from invocation.stream()
    finally:  # the parse is valid whatever the build's outcome
        keep_partial_parse(invocation.target_path, project_target_path(dbt_project().project_dir))
