"""Partitions. A daily partition and a monthly partition materialize as real Dagster
runs; a partition rebuild gives exactly what a full build gives; the scheduled close closes a
period once."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from eperf.config import run_dbt
from tests.conftest import run_dagster_script, run_eperf, source_env
from tests.e2e.tiny_sources import write_tiny_sources

pytestmark = pytest.mark.slow

PARTITION_RUNS = """
definitions = defs()
out = {}
with dg.DagsterInstance.get() as instance:
    for job, key in [("ingest_attendance_daily", "2025-01-02"), ("score_monthly", "2025-01")]:
        result = definitions.resolve_job_def(job).execute_in_process(
            instance=instance, partition_key=key, raise_on_error=False)
        out[job] = result.success
        out[job + "/assets"] = sorted(
            {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()})
    for _ in range(2):
        result = definitions.resolve_job_def("close_period_job").execute_in_process(
            instance=instance,
            run_config={"ops": {"close_period_op": {"config": {"period": "2025-01"}}}})
        out.setdefault("close", []).append(result.success)
    for key in (["attendance", "punch"], ["fct_employee_monthly"], ["serving_release"]):
        out["/".join(key)] = sorted(instance.get_materialized_partitions(dg.AssetKey(key)))
report(out)
"""


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_daily_and_a_monthly_partition_materialize_and_close_runs_once(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    write_tiny_sources(
        env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], Path(env["EPERF_ATTENDANCE_DIR"])
    )
    out = run_dagster_script(PARTITION_RUNS, env)
    assert out["ingest_attendance_daily"] and out["score_monthly"]
    assert out["attendance/punch"] == ["2025-01-02"]
    # The daily run reads the tables the punches are checked against; the scoring run the rest.
    assert out["ingest_attendance_daily/assets"] == [
        "app/attendance_device",
        "app/device_user",
        "attendance/punch",
        "simpeg/disciplinary_sanction",
        "simpeg/employee",
        "simpeg/org_unit",
        "simpeg/position_assignment",
    ]
    assert "app/activity_report" in out["score_monthly/assets"]
    assert out["fct_employee_monthly"] == ["2025-01"]
    assert out["serving_release"] == []  # unpartitioned: materialized, with no partition
    assert out["close"] == [True, True]

    warehouse = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"
    # The daily run loaded the files of its day only.
    assert rows(warehouse, "select distinct file_date from raw.attendance__file_manifest") == [
        (date(2025, 1, 2),)
    ]
    assert rows(warehouse, "select count(distinct period) from marts.fct_employee_monthly") == [
        (1,)
    ]
    # The second scheduled close found the period closed and left it alone.
    assert rows(warehouse, "select action, actor from ledger.period_close_log") == [
        ("CLOSE", "dagster-schedule")
    ]
    audit = Path(env["EPERF_DATA_DIR"]) / "audit" / "audit.jsonl"
    closes = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [(e["action"], e["subject"]) for e in closes if e["action"] == "close"] == [
        ("close", "2025-01")
    ]


def checksums(warehouse: Path) -> dict[str, tuple[int, int]]:
    """(rows, order-independent sum of row hashes) of every mart and intermediate table."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            "where schema_name in ('marts', 'intermediate') order by 1"
        ).fetchall()
        return {
            t: con.execute(
                f"select count(*), coalesce(sum(hash(x)::hugeint), 0) from {t} x"
            ).fetchone()
            for (t,) in tables
        }


# Models whose periods depend on earlier ones (year to date, a rolling window, earlier years).
ONWARDS_MODELS = [
    ("intermediate.int_discipline_months_accumulated", "period"),
    ("marts.fct_development_map", "period"),
    ("marts.fct_promotion_eligibility", "as_of_period"),
    ("intermediate.int_tk_runs_consecutive", "ended_period"),  # a run that ended in February
]


def last_dbt_log(target: Path) -> str:
    """The dbt log of the latest Dagster dbt step (dagster-dbt's per-invocation folder in the
    run's dbt target, ``DBT_TARGET_PATH``)."""
    logs = target.glob("eperf_dbt_models-*/dbt.log")
    return max(logs, key=lambda p: p.stat().st_mtime).read_text()


def dbt_test(
    warehouse: Path, period: str, select: str, target: Path
) -> subprocess.CompletedProcess:
    """``dbt test --select select`` on ``warehouse`` as a partition run of ``period`` runs it."""
    env = {
        **os.environ,
        "EPERF_WAREHOUSE": str(warehouse),
        "EPERF_PERIOD_FROM": period,
        "EPERF_PERIOD_TO": period,
    }
    return run_dbt("test", "--select", select, target_path=target, env=env, timeout=600)


def test_a_partition_rebuild_gives_exactly_the_full_build(tmp_path):
    # A dbt target of this test's own: its dbt logs are read below, and other test processes
    # write theirs beside the project's.
    env = {**source_env(tmp_path), "DBT_TARGET_PATH": str(tmp_path / "dbt_target")}
    Path(env["DAGSTER_HOME"]).mkdir()
    generated = run_eperf(
        ["demo-data", "--employees", "25", "--months", "2", "--start", "2025-01"], env
    )
    assert generated.returncode == 0, generated.stderr[-3000:]
    warehouse = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"
    assert run_eperf(["run"], env).returncode == 0
    full_before = checksums(warehouse)

    # A device re-sends a January day with one punch fewer.
    attendance = Path(env["EPERF_ATTENDANCE_DIR"])
    day = next(
        p
        for p in sorted(attendance.glob("*/2025-01-*.csv"))
        if len(p.read_text().splitlines()) > 3 and p.stem >= "2025-01-10"
    )
    day.write_text("\n".join(day.read_text().splitlines()[:-1]) + "\n")
    resent = date.fromisoformat(day.stem)

    # Proof that the run replaces January only: a February row marked here survives it (a full
    # rebuild, e.g. a window that never reached dbt, would erase the mark).
    february = "marts.fct_attendance_daily where work_date >= date '2025-02-01'"
    with duckdb.connect(str(warehouse)) as con:
        nip, work_date, zone = con.execute(
            f"select nip, work_date, unit_timezone from {february} order by all limit 1"
        ).fetchone()
        mark = (
            "update marts.fct_attendance_daily set unit_timezone = ? "
            "where nip = ? and work_date = ?"
        )
        con.execute(mark, ["MARK", nip, work_date])
        # Only the re-sent day and its neighbours (a punch's local date) are rebuilt in the
        # models partitioned by day: a row of early January marked here survives the run too.
        early_nip, early_day, early_zone = con.execute(
            "select nip, work_date, unit_timezone from marts.fct_attendance_daily "
            "where work_date < date '2025-01-08' order by all limit 1"
        ).fetchone()
        con.execute(mark, ["MARK", early_nip, early_day])
        # The activity reports rebuild by day too: an early January report's description marked
        # here survives the run, and a unit marked on another one is brought back to its
        # employee's month assignment (R4) by the run's unit refresh.
        (kept_report, kept_text, _), (unit_report, _, unit) = con.execute(
            "select report_id, description, unit_id from marts.fct_activity_reports "
            "where activity_date < date '2025-01-08' and unit_id is not null "
            "order by report_id limit 2"
        ).fetchall()
        report_mark = "update marts.fct_activity_reports set {} = 'MARK' where report_id = ?"
        con.execute(report_mark.format("description"), [kept_report])
        con.execute(report_mark.format("unit_id"), [unit_report])

    # The year-to-date and rolling models rebuild the window's periods and every later one: a
    # February row deleted here must be back after the January run (else the checksums differ).
    with duckdb.connect(str(warehouse)) as con:
        for table, period in ONWARDS_MODELS:
            deleted = con.execute(
                f"delete from {table} where rowid = "
                f"(select min(rowid) from {table} where {period} = '2025-02')"
            ).fetchone()
            assert deleted == (1,), table

    # (a build that compares its inputs with the last one, as outside the tests)
    partition = run_eperf(["run", "--period", "2025-01"], {**env, "EPERF_REBUILD_UNCHANGED": "0"})
    assert partition.returncode == 0, partition.stderr[-3000:]
    # the re-sent day and the day either side (a punch's local date may differ from its device's)
    assert rows(
        warehouse, "select rebuilt_days from quality.dbt_builds order by built_at desc limit 1"
    ) == [(f"{resent - timedelta(days=1)}..{resent + timedelta(days=1)}",)]
    # The full run left its parse state, made with this warehouse's profile: the partition run
    # re-parsed only the files that read the window (not the whole project).
    log = last_dbt_log(Path(env["DBT_TARGET_PATH"]))
    assert "Unable to do partial parsing" not in log, log[-3000:]
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute(
            "select count(*) from marts.fct_attendance_daily where unit_timezone = 'MARK'"
        ).fetchone() == (2,)
        con.execute(mark, [zone, nip, work_date])
        con.execute(mark, [early_zone, early_nip, early_day])
        report = "select {} from marts.fct_activity_reports where report_id = ?"
        assert con.execute(report.format("description"), [kept_report]).fetchone() == ("MARK",)
        assert con.execute(report.format("unit_id"), [unit_report]).fetchone() == (unit,)
        con.execute(
            "update marts.fct_activity_reports set description = ? where report_id = ?",
            [kept_text, kept_report],
        )
    rebuilt = checksums(warehouse)
    full = run_eperf(["run"], env)
    assert full.returncode == 0, full.stderr[-3000:]
    full_after = checksums(warehouse)

    assert rebuilt == full_after
    assert (
        rebuilt["intermediate.int_punch_days_summarised"]
        != full_before["intermediate.int_punch_days_summarised"]
    )  # the change reached the partitioned models
    assert rows(warehouse, "select count(distinct period) from marts.fct_employee_monthly") == [
        (2,)
    ]

    # A partition run's data tests read the window's rows of a partitioned model, and of a view
    # over the whole history that names its window column (the punches, keyed on their time): a
    # duplicate employee-month and a duplicate punch in February fail February's run and not
    # January's.
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into marts.fct_employee_monthly select * from marts.fct_employee_monthly "
            "where period = '2025-02' limit 1"
        )
        con.execute(
            "insert into raw.attendance__punch select * from raw.attendance__punch "
            "where punch_time >= timestamp '2025-02-03' limit 1"
        )
    unique = [
        "unique_combination_fct_employee_monthly_nip__period",
        "unique_combination_stg_attendance__punches_device_sn__device_pin__punch_time_device",
    ]
    january = dbt_test(warehouse, "2025-01", " ".join(unique), tmp_path / "target-01")
    assert january.returncode == 0, january.stdout[-3000:]
    february = dbt_test(warehouse, "2025-02", " ".join(unique), tmp_path / "target-02")
    assert february.returncode == 1, february.stdout[-3000:]
    for test in unique:
        assert f"PASS {test} " in january.stdout, january.stdout[-3000:]
        assert f"FAIL 1 {test} " in february.stdout, february.stdout[-3000:]
