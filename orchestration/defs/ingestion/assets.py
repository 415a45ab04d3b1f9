"""Ingestion assets: one asset per source table, keyed like the dbt sources that read them.

Asset keys are ``[source, table]`` (e.g. ``simpeg/employee``), the keys dagster-dbt gives dbt
sources, so the graph runs from each operational table through staging to the marts.
"""

import dagster as dg

from ingestion import calendar, database, punches, row_contract
from ingestion.batch import Batch, LoadReport
from ingestion.contract import APP, SIMPEG
from orchestration.defs.partitions import daily_partitions, run_days
from orchestration.defs.resources import WarehouseResource

GROUP = "ingestion"


def _table_specs(source: str, metadata, description: str) -> list[dg.AssetSpec]:
    """One asset per table, depending on the tables of other sources its rows must name (the
    row contract's references): an app report is checked against the employees, so SIMPEG is
    landed first."""
    return [
        dg.AssetSpec(
            key=[source, table.name],
            group_name=GROUP,
            kinds={"sql", "duckdb"},
            description=(
                f"{description} table `{table.name}`, full snapshot in raw.{source}__{table.name}."
            ),
            deps=[
                name.split("__", 1)
                for name in row_contract.contract_for(source, table).references
                if not name.startswith(f"{source}__")
            ],
        )
        for table in metadata.sorted_tables
    ]


def _results(source: str, report: LoadReport) -> list[dg.MaterializeResult]:
    return [
        dg.MaterializeResult(
            asset_key=[source, table],
            metadata={
                "batch_id": report.batch_id,
                "rows_in": report.rows_in[table],
                "rows_loaded": report.rows_loaded[table],
                "rows_quarantined": report.rows_quarantined[table],
                "rows_merged": report.rows_merged.get(table, 0),
                "rows_changed": report.rows_changed.get(table, 0),
            },
        )
        for table in report.rows_in
    ]


def _database_asset(source: str, metadata, description: str, url_setting: str):
    """The multi-asset landing the selected tables of one source database (``url_setting``: the
    Settings field of its URL) in the raw schema. Subsettable: the attendance job selects only
    the tables its punches are checked against."""

    @dg.multi_asset(
        specs=_table_specs(source, metadata, description),
        name=f"ingest_{source}",
        can_subset=True,
        description=f"Land the selected {description} tables (EPERF_{source.upper()}_URL) in "
        "the warehouse's raw schema.",
    )
    def _ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        tables = {key.path[-1] for key in context.selected_asset_keys}
        settings = warehouse.settings
        with warehouse.connect() as con:
            report = database.load_database(
                con,
                getattr(settings, url_setting),
                source,
                metadata,
                Batch(source),
                tables=tables,
                settings=settings,
            )
        yield from _results(source, report)

    return _ingest


ingest_simpeg = _database_asset("simpeg", SIMPEG, "SIMPEG HR database", "simpeg_url")
ingest_app = _database_asset("app", APP, "e-Performance application database", "app_url")


@dg.asset(
    key=["attendance", "punch"],
    group_name=GROUP,
    kinds={"csv", "duckdb"},
    deps=[["simpeg", "employee"], ["app", "attendance_device"], ["app", "device_user"]],
    partitions_def=daily_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def attendance_punch(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Punches from the device export folder (EPERF_ATTENDANCE_DIR); invalid lines quarantined.

    Grain: one row per accepted punch. Partitioned by the day a CSV file names
    (``<device>/<YYYY-MM-DD>.csv``): a run loads the new or changed files of its days (a range in
    one run when backfilled), and any new or changed ZKTeco log (``<device>/*.dat``, any days).
    Needs the employees, the registered devices and their enrolment (PIN resolution), hence its
    dependencies.
    """
    days = run_days(context)
    settings = warehouse.settings
    with warehouse.connect() as con:
        report = punches.load_punches(
            con, settings.attendance_dir, Batch("attendance"), days=days, settings=settings
        )
    return dg.MaterializeResult(
        metadata={
            "days": "all" if days is None else f"{days[0]} .. {days[1]} (exclusive)",
            "files_processed": report.rows_in.get("files_processed", 0),
            "batch_id": report.batch_id,
            "files": report.rows_in.get("files", 0),
            "rows_in": report.rows_in[punches.OBJECT],
            "rows_loaded": report.rows_loaded[punches.OBJECT],
            "rows_quarantined": report.rows_quarantined[punches.OBJECT],
            "rows_merged": report.rows_merged.get(punches.OBJECT, 0),
        }
    )


@dg.asset(
    key=["reference", "public_holiday"],
    group_name=GROUP,
    kinds={"python", "duckdb"},
    deps=[["attendance", "punch"], ["app", "activity_report"]],
)
def public_holiday(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Indonesian public holidays and cuti bersama (holidays package) for the years in the data."""
    with warehouse.connect() as con:
        years = calendar.years_in_warehouse(con)
        n = calendar.load_holidays(con, years)
    return dg.MaterializeResult(
        metadata={"holidays": n, "years": f"{years.start}-{years.stop - 1}"}
    )
