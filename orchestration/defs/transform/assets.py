"""dbt models, seeds and tests as Dagster assets and asset checks (dagster-dbt)."""

import json

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from eperf import periods
from eperf.periods import Window
from orchestration.defs.partitions import monthly_partitions, run_periods
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


def dbt_build_args(window: Window | None) -> list[str]:
    """``dbt build`` of every seed, model and data test; with the window's vars on a partition
    run, so the partitioned models recompute only those periods."""
    args = ["build", "--exclude-resource-type", "unit_test"]
    dbt_vars = periods.dbt_vars(window)
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars)]
    return args


@dbt_assets(
    manifest=dbt_project().manifest_path,
    project=dbt_project(),
    dagster_dbt_translator=EperfDbtTranslator(),
    partitions_def=monthly_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def eperf_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Build every seed and model and run every data test (unit tests run in `make test`) for
    the run's months (a backfill range runs once, with vars period_from/period_to)."""
    yield from dbt.cli(dbt_build_args(run_periods(context)), context=context).stream()
