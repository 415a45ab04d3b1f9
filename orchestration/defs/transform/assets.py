"""dbt models, seeds and tests as Dagster assets and asset checks (dagster-dbt)."""

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

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


@dbt_assets(
    manifest=dbt_project().manifest_path,
    project=dbt_project(),
    dagster_dbt_translator=EperfDbtTranslator(),
)
def eperf_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Build every seed and model and run every data test (unit tests run in `make test`)."""
    yield from dbt.cli(["build", "--exclude-resource-type", "unit_test"], context=context).stream()
