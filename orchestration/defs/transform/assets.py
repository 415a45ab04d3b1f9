"""dbt models, seeds and tests as Dagster assets and asset checks (dagster-dbt)."""

from contextlib import AbstractContextManager

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_dbt.asset_utils import get_manifest_and_translator_from_dbt_assets

from eperf import build_inputs, periods
from eperf.config import scoped_environment
from eperf.periods import Window
from orchestration.defs.partitions import monthly_partitions, run_periods
from orchestration.defs.transform.model_checks import folded_spec, stream_with_folded_checks
from orchestration.defs.transform.parse_state import keep_partial_parse, project_target_path
from orchestration.defs.transform.project import dbt_project


class EperfDbtTranslator(DagsterDbtTranslator):
    """Asset keys are the dbt node names (sources keep ``[source, table]``, the ingestion keys);
    groups follow the dbt layer folder (staging, intermediate, marts) or 'policy' for seeds; a
    model's data tests are one asset check (model_checks.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._folded_checks: dict[dg.AssetKey, dg.AssetCheckSpec] = {}

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        test_spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        return test_spec and folded_spec(test_spec, asset_spec, self._folded_checks)

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


def dbt_window_env(window: Window | None, days: str | None = None) -> dict[str, str]:
    """The environment naming a partition run's window to dbt (macro ``partition_window``), so
    the partitioned models recompute only those periods, and the days whose inputs changed
    (``EPERF_DAYS``, eperf/build_inputs.py), so the models partitioned by day recompute only
    those; empty values for a full build or every day.

    Not ``--vars``: a change of vars makes dbt re-parse the whole project, a changed
    environment variable only the files that read it."""
    dbt_vars = periods.dbt_vars(window)
    return {
        "EPERF_PERIOD_FROM": dbt_vars.get("period_from", ""),
        "EPERF_PERIOD_TO": dbt_vars.get("period_to", ""),
        "EPERF_DAYS": days or "",
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
    # by key: orchestration/defs/resources.py defines them and imports this package
    required_resource_keys={"dbt", "warehouse"},
)
def eperf_dbt_models(context: dg.AssetExecutionContext):
    """Build every seed and model and run every data test (unit tests run in `make test`) for
    the run's months (a backfill range runs once, with EPERF_PERIOD_FROM/EPERF_PERIOD_TO).

    A run of the whole project whose window, inputs and code are those of a build already
    published builds nothing (eperf/build_inputs.py): its models, checks and the publication
    after them are skipped."""
    window, warehouse = run_periods(context), context.resources.warehouse
    dbt: DbtCliResource = context.resources.dbt
    settings, digests, unchanged, days = warehouse.settings, None, None, None
    if not context.is_subset:
        # the manifest dagster-dbt loaded for these assets: its sources are what a build reads
        manifest, _, _ = get_manifest_and_translator_from_dbt_assets([context.assets_def])
        with warehouse.connect() as con:
            digests = build_inputs.build_digests(
                con, manifest, dbt_project().project_dir, settings.rule_set, window
            )
            if not settings.rebuild_unchanged:
                unchanged = build_inputs.unchanged_build(con, window, digests, settings.serving_dir)
                if unchanged is None:
                    days = build_inputs.changed_days(con, window, digests, manifest)
        if unchanged is not None:
            context.log.info(
                f"Nothing to build: the inputs and code of {describe(window)} are those "
                f"of run {unchanged.run_id}'s build ({unchanged.built_at:%Y-%m-%d %H:%M} UTC), "
                "published since."
            )
            return
    if days is not None:
        context.log.info(
            "Days rebuilt in the models partitioned by day: "
            + ("none (none of their inputs changed)" if days == "none" else days)
            + f"; the other models rebuild {describe(window)}."
        )
    with environment(dbt_window_env(window, days)):
        invocation = dbt.cli(DBT_BUILD_ARGS, context=context)  # the process starts here
    try:
        yield from stream_with_folded_checks(invocation, context)
    finally:  # the parse is valid whatever the build's outcome
        keep_partial_parse(invocation.target_path, project_target_path(dbt_project().project_dir))
    if digests is not None:
        with warehouse.connect() as con:
            build_inputs.record_build(con, window, digests, context.run_id, days)


def describe(window: Window | None) -> str:
    if window is None:
        return "every period"
    return window[0] if window[0] == window[1] else f"{window[0]} to {window[1]}"
