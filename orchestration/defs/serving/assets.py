"""Publication: copy the marts into a new serving release the dashboards read (eperf.serving)."""

import dagster as dg

from eperf import serving
from orchestration.defs.resources import WarehouseResource


def upstream_blockers(context: dg.AssetExecutionContext) -> list[str]:
    """Failed steps and failed ERROR-severity checks (dbt tests, data quality) of this run."""
    instance, run_id = context.instance, context.run_id
    blockers = [
        f"step {record.step_key} failed"
        for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_FAILURE)
    ]
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
        evaluation = record.dagster_event.event_specific_data
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            blockers.append(
                f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()}"
            )
    return blockers


@dg.asset(
    key="serving_release",
    group_name="serving",
    kinds={"parquet"},
    deps=[dg.AssetKey(mart) for mart in serving.PUBLISHED_MARTS],
)
def serving_release(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """An immutable Parquet release of the published marts, swapped in atomically (CURRENT).

    Runs only after the marts and their dbt tests succeed, so readers see the last good data.
    """
    blockers = upstream_blockers(context)
    if blockers:
        raise dg.Failure(
            description="Not publishing: the run had failures; readers keep the last good release.",
            metadata={"blockers": "; ".join(blockers)},
        )
    settings = warehouse.settings
    manifest = serving.publish(
        settings.warehouse, settings.serving_dir, context.run_id, settings.rule_set
    )
    return dg.MaterializeResult(
        metadata={"release_id": manifest["release_id"], **manifest["row_counts"]}
    )
