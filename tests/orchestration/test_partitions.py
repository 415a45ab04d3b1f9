"""Partition definitions, the dbt arguments and the run tags built from a window."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest

from eperf.config import Settings
from eperf.pipeline import RANGE_END, RANGE_START, partition_tags
from orchestration.definitions import defs
from orchestration.defs.partitions import daily_partitions, monthly_partitions
from orchestration.defs.quality.freshness import freshness, max_age_hours
from orchestration.defs.transform.assets import dbt_window_env, environment
from orchestration.instance import PG_URL_VAR, instance_yaml


def test_attendance_is_daily_and_the_marts_monthly():
    graph = defs().resolve_asset_graph()
    assert graph.get(dg.AssetKey(["attendance", "punch"])).partitions_def == daily_partitions
    for mart in ("fct_employee_monthly", "fct_attendance_daily", "int_attendance_days_classified"):
        assert graph.get(dg.AssetKey(mart)).partitions_def == monthly_partitions
    assert graph.get(dg.AssetKey(["simpeg", "employee"])).partitions_def is None
    assert monthly_partitions.get_first_partition_key() == "2024-01"
    assert daily_partitions.get_first_partition_key() == "2024-01-01"


def test_dbt_gets_the_window_only_for_a_partition_run():
    assert dbt_window_env(None) == {
        "EPERF_PERIOD_FROM": "",
        "EPERF_PERIOD_TO": "",
        "EPERF_DAYS": "",
    }
    assert dbt_window_env(("2025-01", "2025-03")) == {
        "EPERF_PERIOD_FROM": "2025-01",
        "EPERF_PERIOD_TO": "2025-03",
        "EPERF_DAYS": "",
    }
    assert dbt_window_env(("2025-03", "2025-03"), "2025-03-30..2025-03-31")["EPERF_DAYS"] == (
        "2025-03-30..2025-03-31"
    )


def test_the_window_environment_is_restored_after_the_dbt_call(monkeypatch):
    monkeypatch.setenv("EPERF_PERIOD_FROM", "1999-01")
    monkeypatch.delenv("EPERF_PERIOD_TO", raising=False)
    with environment(dbt_window_env(("2025-01", "2025-03"))):
        assert os.environ["EPERF_PERIOD_TO"] == "2025-03"
    assert os.environ["EPERF_PERIOD_FROM"] == "1999-01"
    assert "EPERF_PERIOD_TO" not in os.environ


def test_partition_tags_name_a_range_or_everything():
    assert partition_tags(monthly_partitions, ("2025-01", "2025-02")) == {
        RANGE_START: "2025-01",
        RANGE_END: "2025-02",
    }
    whole = partition_tags(monthly_partitions, None, ("2019-05", "2025-02"))
    assert (whole[RANGE_START], whole[RANGE_END], whole["eperf/window"]) == (
        "2024-01",  # clamped to the first partition; the build itself covers everything
        "2025-02",
        "all",
    )
    with pytest.raises(ValueError):
        partition_tags(monthly_partitions, ("2019-01", "2019-01"))


def test_freshness_warns_after_the_configured_hours():
    now = datetime(2025, 3, 3, 6, 0, tzinfo=UTC)
    assert freshness(now - timedelta(hours=71), now, 72) == (True, 71.0)
    assert freshness((now - timedelta(hours=73)).replace(tzinfo=None), now, 72) == (False, 73.0)
    assert freshness(None, now, 72) == (False, None)
    assert max_age_hours(Settings.from_env({"EPERF_FRESHNESS_HOURS": "12"})) == 12.0
    checks = {k.name for k in defs().resolve_asset_graph().asset_check_keys}
    assert {"attendance__device_export__fresh", "app__activity_report__fresh"} <= checks


def test_instance_is_sqlite_unless_postgres_is_configured():
    sqlite = instance_yaml(Settings.from_env({}))
    assert "postgres" not in sqlite and "max_concurrent_runs: 1" in sqlite
    assert "class: SqliteEventLogStorageKeepingEngines" in sqlite
    postgres = instance_yaml(Settings.from_env({PG_URL_VAR: "postgresql://u:secret@db/dagster"}))
    assert f"env: {PG_URL_VAR}" in postgres and "secret" not in postgres
