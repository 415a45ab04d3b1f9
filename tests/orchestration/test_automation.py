"""The sensor on the device folder and the 06:00 WIB schedule."""

from __future__ import annotations

import json

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.automation import daily_refresh, device_export_sensor

HEADER = "device_sn,pin,punch_time,verify_mode,punch_state\n"


def evaluate(cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor)
    return device_export_sensor(context), context.cursor


def test_a_new_file_triggers_exactly_its_device_day(tmp_path, monkeypatch):
    monkeypatch.setenv("EPERF_ATTENDANCE_DIR", str(tmp_path))
    (tmp_path / "D1").mkdir()
    (tmp_path / "D1" / "2025-01-02.csv").write_text(HEADER)
    first, cursor = evaluate(None)
    assert first.tags["eperf/changed_device_days"] == "D1/2025-01-02.csv"

    quiet, cursor = evaluate(cursor)
    assert isinstance(quiet, dg.SkipReason)

    (tmp_path / "D2").mkdir()
    (tmp_path / "D2" / "2025-01-03.csv").write_text(HEADER + "D2,1,2025-01-03 07:00:00,FACE,0\n")
    (tmp_path / "D2" / "notes.txt").write_text("ignored")
    second, cursor = evaluate(cursor)
    assert second.tags["eperf/changed_device_days"] == "D2/2025-01-03.csv"
    assert second.run_key != first.run_key
    assert set(json.loads(cursor)) == {"D1/2025-01-02.csv", "D2/2025-01-03.csv"}


def test_morning_schedule_runs_at_six_jakarta_time():
    assert daily_refresh.cron_schedule == "0 6 * * *"
    assert daily_refresh.execution_timezone == "Asia/Jakarta"
    definitions = defs()
    assert definitions.resolve_job_def("eperf_pipeline") is not None
    assert definitions.resolve_sensor_def("device_export_sensor") is not None
