"""The sensor on the device folder, the 06:00 WIB refresh and the scheduled period close."""

from __future__ import annotations

import json
from datetime import date, datetime

import dagster as dg
import pytest

from eperf.config import Settings
from orchestration.definitions import defs
from orchestration.defs.automation import daily_refresh, device_export_sensor
from orchestration.defs.close import close_day, close_request

HEADER = "device_sn,pin,punch_time,verify_mode,punch_state\n"


def evaluate(cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor)
    return device_export_sensor(context), context.cursor


def requests_by_job(result) -> dict[str, list[dg.RunRequest]]:
    jobs: dict[str, list[dg.RunRequest]] = {}
    for request in result:
        jobs.setdefault(request.job_name, []).append(request)
    return jobs


def test_a_new_file_triggers_exactly_its_device_day(tmp_path, monkeypatch):
    monkeypatch.setenv("EPERF_ATTENDANCE_DIR", str(tmp_path))
    (tmp_path / "D1").mkdir()
    (tmp_path / "D1" / "2025-01-02.csv").write_text(HEADER)
    first, cursor = evaluate(None)
    jobs = requests_by_job(first)
    [day] = jobs["ingest_attendance_daily"]
    assert (day.partition_key, day.tags["eperf/changed_device_days"]) == (
        "2025-01-02",
        "D1/2025-01-02.csv",
    )
    assert [r.partition_key for r in jobs["score_monthly"]] == ["2025-01"]
    assert list(jobs) == ["ingest_attendance_daily", "score_monthly"]  # ingest, then rebuild

    quiet, cursor = evaluate(cursor)
    assert isinstance(quiet, dg.SkipReason)

    (tmp_path / "D2").mkdir()
    (tmp_path / "D2" / "2025-02-03.csv").write_text(HEADER + "D2,1,2025-02-03 07:00:00,FACE,0\n")
    (tmp_path / "D2" / "notes.txt").write_text("ignored")
    second, cursor = evaluate(cursor)
    jobs = requests_by_job(second)
    [day2] = jobs["ingest_attendance_daily"]
    assert day2.partition_key == "2025-02-03"
    assert day2.tags["eperf/changed_device_days"] == "D2/2025-02-03.csv"
    assert day2.run_key != day.run_key
    assert [r.partition_key for r in jobs["score_monthly"]] == ["2025-02"]
    assert set(json.loads(cursor)) == {"D1/2025-01-02.csv", "D2/2025-02-03.csv"}


def test_files_of_several_days_make_one_run_per_day_and_one_per_month(tmp_path, monkeypatch):
    monkeypatch.setenv("EPERF_ATTENDANCE_DIR", str(tmp_path))
    for device, day in [("D1", "2025-01-30"), ("D2", "2025-01-30"), ("D1", "2025-02-03")]:
        (tmp_path / device).mkdir(exist_ok=True)
        (tmp_path / device / f"{day}.csv").write_text(HEADER)
    (tmp_path / "D1" / "2019-01-02.csv").write_text(HEADER)  # before the partitions: eperf run
    result, _ = evaluate(None)
    jobs = requests_by_job(result)
    assert [
        (r.partition_key, r.tags["eperf/changed_device_days"])
        for r in jobs["ingest_attendance_daily"]
    ] == [
        ("2025-01-30", "D1/2025-01-30.csv,D2/2025-01-30.csv"),
        ("2025-02-03", "D1/2025-02-03.csv"),
    ]
    assert [r.partition_key for r in jobs["score_monthly"]] == ["2025-01", "2025-02"]


def test_many_changed_days_make_one_range_run_per_job(tmp_path, monkeypatch):
    monkeypatch.setenv("EPERF_ATTENDANCE_DIR", str(tmp_path))
    (tmp_path / "D1").mkdir()
    for day in range(1, 11):
        (tmp_path / "D1" / f"2025-01-{day:02d}.csv").write_text(HEADER)
    (tmp_path / "D1" / "2025-02-03.csv").write_text(HEADER)
    result, _ = evaluate(None)
    assert [
        (
            r.job_name,
            r.tags["dagster/asset_partition_range_start"],
            r.tags["dagster/asset_partition_range_end"],
        )
        for r in result
    ] == [
        ("ingest_attendance_daily", "2025-01-01", "2025-02-03"),
        ("score_monthly", "2025-01", "2025-02"),
    ]


def test_a_new_zkteco_log_triggers_the_days_it_covers(tmp_path, monkeypatch):
    monkeypatch.setenv("EPERF_ATTENDANCE_DIR", str(tmp_path))
    (tmp_path / "D1").mkdir()
    log = "7\t2025-01-30 07:00:00\t0\t1\t0\n7\t2025-02-02 16:00:00\t1\t1\t0\n"
    (tmp_path / "D1" / "attlog-1.dat").write_text(log)
    result, cursor = evaluate(None)
    jobs = requests_by_job(result)
    assert [r.partition_key for r in jobs["ingest_attendance_daily"]] == [
        "2025-01-30",
        "2025-01-31",
        "2025-02-01",
        "2025-02-02",
    ]
    assert [r.partition_key for r in jobs["score_monthly"]] == ["2025-01", "2025-02"]
    assert set(json.loads(cursor)) == {"D1/attlog-1.dat"}


def test_morning_refresh_runs_at_six_jakarta_time_for_two_months():
    assert daily_refresh.cron_schedule == "0 6 * * *"
    assert daily_refresh.execution_timezone == "Asia/Jakarta"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2025, 3, 1, 6, 0))
    requests = list(daily_refresh(context))
    assert [r.partition_key for r in requests] == ["2025-02", "2025-03"]
    assert len({r.run_key for r in requests}) == 2
    definitions = defs()
    assert definitions.resolve_job_def("score_monthly") is not None
    assert definitions.resolve_sensor_def("device_export_sensor") is not None


def test_scheduled_close_requests_the_previous_month_once(monkeypatch):
    request = close_request(date(2025, 2, 10), 10)
    assert request.run_key == "close-2025-01"  # one run per period, whatever the ticks
    assert request.run_config == {"ops": {"close_period_op": {"config": {"period": "2025-01"}}}}
    assert isinstance(close_request(date(2025, 2, 9), 10), dg.SkipReason)
    assert close_day(Settings.from_env({"EPERF_CLOSE_DAY": "5"})) == 5
    assert close_day(Settings.from_env({})) == 10
    with pytest.raises(ValueError):
        close_day(Settings.from_env({"EPERF_CLOSE_DAY": "31"}))
