"""Great Expectations suites and the rejected-row share as Dagster asset checks on the
ingestion assets.

``contract`` suites and each database table's ``rejected_share`` are blocking with ERROR
severity: when one fails, Dagster does not run the assets downstream of that table (dbt,
publication), so leaders keep the last good release. ``warnings`` suites report with WARN
severity and never stop a run. One bad row never blocks: it is quarantined (a source broken as a
whole does, data_quality/rejected_share.py).
"""

import dagster as dg

from data_quality.rejected_share import rejected_share
from data_quality.suites import SUITES, Suite
from data_quality.validate import validate_table
from ingestion.contract import DATABASE_SOURCES
from orchestration.defs.resources import WarehouseResource


def _build_check(suite: Suite) -> dg.AssetChecksDefinition:
    severity = dg.AssetCheckSeverity.ERROR if suite.blocking else dg.AssetCheckSeverity.WARN

    @dg.asset_check(
        asset=dg.AssetKey(list(suite.asset_key)),
        name=suite.name,
        blocking=suite.blocking,
        description=("Blocking" if suite.blocking else "Warning")
        + f" Great Expectations suite `{suite.name}` on the landed table.",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            outcome = validate_table(con, suite)
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=severity,
            metadata={
                "rows_validated": outcome.element_count,
                "failed_expectations": dg.MetadataValue.json(outcome.failures),
            },
        )

    return _check


def _build_share_check(source: str, table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey([source, table]),
        name=f"{source}__{table}__rejected_share",
        blocking=True,
        description="Blocking: the share of the table's rows rejected into quarantine stays "
        "within EPERF_QUARANTINE_BLOCK_SHARE (one bad row never blocks; a broken source does).",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        settings = warehouse.settings
        with warehouse.connect() as con:
            share = rejected_share(
                con,
                source,
                table,
                settings.quarantine_block_share,
                settings.quarantine_min_rows,
            )
        return dg.AssetCheckResult(
            passed=not share.blocks,
            severity=dg.AssetCheckSeverity.ERROR,
            description=share.describe(),
            metadata={
                "rows_held_in_quarantine": share.held,
                "rows_loaded": share.loaded,
                "held_share": share.held_share,
                "latest_batch_rows": share.batch_rows,
                "latest_batch_rejected": share.batch_rejected,
                "threshold": share.threshold,
            },
        )

    return _check


@dg.definitions
def quality_checks() -> dg.Definitions:
    shares = [
        _build_share_check(source, table.name)
        for source, metadata in DATABASE_SOURCES.items()
        for table in metadata.sorted_tables
    ]
    return dg.Definitions(asset_checks=[_build_check(suite) for suite in SUITES] + shares)
