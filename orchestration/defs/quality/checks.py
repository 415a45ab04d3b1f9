"""Great Expectations suites as Dagster asset checks on the ingestion assets.

``contract`` suites are blocking with ERROR severity: when one fails, Dagster does not run the
assets downstream of that table (dbt, publication), so leaders keep the last good release.
``warnings`` suites report with WARN severity and never stop a run.
"""

import dagster as dg

from data_quality.suites import SUITES, Suite
from data_quality.validate import validate_table
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


@dg.definitions
def quality_checks() -> dg.Definitions:
    return dg.Definitions(asset_checks=[_build_check(suite) for suite in SUITES])
