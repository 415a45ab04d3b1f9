"""``eperf bench`` runs its stages and reports figures for each (the timings themselves are only
reported, never asserted: performance is measured in the benchmark, not in tests)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from eperf.bench import report
from eperf.bench.run import run_bench
from eperf.config import Settings
from simulator import SimulatorConfig, generate_sources


def test_bench_stages_report_rows_and_memory(tmp_path):
    results = run_bench(30, 1, tmp_path, ("generate", "ingest", "baseline"), seed=3)
    assert [r.stage for r in results] == ["generate", "ingest", "baseline"]
    generated, ingested, baseline = results
    assert generated.rows > 1000 and ingested.rows >= generated.rows - 100
    assert all(r.peak_rss_mb > 0 and r.seconds >= 0 for r in results)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        employees = con.execute("select count(*) from raw.simpeg__employee").fetchone()[0]
    # The baseline computes one tukin row per employee-month (a month here).
    assert 0.9 * employees <= baseline.rows <= employees
    assert json.dumps([r.as_dict() for r in results])


def test_the_floors_read_exactly_the_rows_the_ingest_reads(tmp_path):
    settings = Settings.from_env().located_at(tmp_path)
    # A share of the devices writes ZKTeco logs, so both device-file formats are parsed.
    generate_sources(
        SimulatorConfig(
            settings.simpeg_url,
            settings.app_url,
            settings.attendance_dir,
            employees=30,
            months=1,
            seed=3,
            attlog_share=0.5,
        )
    )
    stages = ("ingest", "floor_app_scan", "floor_device_parse")
    ingest, app_scan, device_parse = run_bench(30, 1, tmp_path, stages)
    read = ingest.detail["rows_in"]
    assert app_scan.detail["rows"] == {"simpeg": read["simpeg"], "app": read["app"]}
    assert device_parse.rows == read["attendance"]
    assert all(device_parse.detail["files"].values()) and all(device_parse.detail["lines"].values())
    assert ingest.rows == app_scan.rows + device_parse.rows > 3000

    figures = report.run_figures(30, 1, [r.as_dict() for r in (ingest, app_scan, device_parse)])
    floor_seconds = app_scan.seconds + device_parse.seconds
    assert figures["over_floor"]["ingest"]["ratio"] == pytest.approx(
        ingest.seconds / floor_seconds, abs=0.01
    )
    assert "transform" not in figures["over_floor"]  # its floor (the baseline) did not run
    assert json.dumps(figures)


@pytest.mark.slow
def test_the_day_stages_run_a_new_day_then_a_resent_day_and_log_dbt_apart(tmp_path, capsys):
    stages = ("generate", "ingest", "transform", "incremental")
    results = run_bench(30, 1, tmp_path, stages, seed=3)
    incremental = results[-1]
    assert incremental.stage == "incremental" and incremental.rows > 0  # the new day's punches
    assert incremental.detail["step_seconds"] and incremental.detail["dbt_build"]
    # Both runs' steps: the attendance run's named after its job.
    steps = incremental.detail["step_seconds"]
    assert any(step.startswith("ingest_attendance_daily: ") for step in steps)
    # The dbt events that dagster-dbt echoes went to the stage's log, not among the figures.
    log = Path(incremental.detail["log"])
    assert log.name == f"incremental-{incremental.detail['day']}.log"
    assert "fct_employee_monthly" in log.read_text()
    assert "fct_employee_monthly" not in capsys.readouterr().out

    day_sql = "select * from marts.fct_attendance_daily where work_date = ? order by all"
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        before = con.execute(day_sql, [incremental.detail["day"]]).fetchall()
    (resent,) = run_bench(30, 1, tmp_path, ("resent_day",), seed=3)
    # The same day sent again with the same punches: every punch read again, the day unchanged.
    assert resent.detail["day"] == incremental.detail["day"] and resent.rows == incremental.rows
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(day_sql, [resent.detail["day"]]).fetchall() == before != []
        recorded = dict(
            con.execute(
                "select source_file, sha256 from raw.attendance__file_manifest where file_date = ?",
                [resent.detail["day"]],
            ).fetchall()
        )
    # The manifest holds each re-sent file's new checksum: it was read again, not skipped.
    attendance = Settings.from_env().located_at(tmp_path).attendance_dir
    sent = {
        f"{path.parent.name}/{path.name}": hashlib.sha256(path.read_bytes()).hexdigest()
        for path in attendance.glob(f"*/{resent.detail['day']}.csv")
    }
    assert recorded == sent and len(sent) == resent.detail["files"]
