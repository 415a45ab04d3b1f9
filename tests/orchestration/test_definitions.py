"""The Dagster code location loads, and its graph runs sources -> dbt -> serving."""

import dagster as dg

from orchestration.definitions import defs


def test_definitions_load_with_the_whole_graph():
    graph = defs().resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"simpeg/employee", "app/activity_report", "attendance/punch"} <= keys
    assert {"fct_attendance_daily", "fct_employee_monthly", "serving_release"} <= keys


def test_serving_waits_for_every_published_mart_and_staging_reads_ingestion():
    graph = defs().resolve_asset_graph()
    parents = graph.get(dg.AssetKey("serving_release")).parent_keys
    assert dg.AssetKey("fct_employee_monthly") in parents
    assert dg.AssetKey("dim_org_unit") in parents
    staging = graph.get(dg.AssetKey("stg_attendance__punches")).parent_keys
    assert dg.AssetKey(["attendance", "punch"]) in staging


def test_the_daily_attendance_run_reads_the_hr_database_and_devices_not_the_reports():
    """The app database's activity reports are read once a day, by the scoring run."""
    definitions = defs()
    graph = definitions.resolve_asset_graph()
    selected = {
        k.to_user_string()
        for k in definitions.resolve_job_def(
            "ingest_attendance_daily"
        ).asset_layer.selected_asset_keys
    }
    simpeg = {k.to_user_string() for k in graph.get_all_asset_keys() if k.path[0] == "simpeg"}
    assert selected == {"attendance/punch", "app/attendance_device", "app/device_user"} | simpeg
    scoring = definitions.resolve_job_def("score_monthly").asset_layer.selected_asset_keys
    tables = {k for k in graph.get_all_asset_keys() if k.path[0] in ("simpeg", "app")}
    assert tables <= scoring
