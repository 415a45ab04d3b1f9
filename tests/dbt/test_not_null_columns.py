"""The generic test ``not_null_columns`` (dbt_project/tests/generic): one test per model for all of
its mandatory columns, which fails with one row per column that holds nulls, and passes on the
tiny pipeline's warehouse as built."""

from __future__ import annotations

import json

import duckdb

from eperf.config import run_dbt

SELECT = "fct_attendance_daily,test_name:not_null_columns"


def test_one_failing_row_per_column_with_nulls(warehouse_copy, tmp_path):
    warehouse, env = warehouse_copy.path, warehouse_copy.env

    built = run_dbt("test", "--select", SELECT, target_path=tmp_path / "built", env=env)
    assert built.returncode == 0, built.stdout[-3000:]
    assert "PASS not_null_columns_fct_attendance_daily" in built.stdout, built.stdout[-3000:]

    # status null in one row, unit_id in two: two columns with nulls, so two failing rows
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "update marts.fct_attendance_daily set status = null "
            "where rowid = (select min(rowid) from marts.fct_attendance_daily)"
        )
        con.execute(
            "update marts.fct_attendance_daily set unit_id = null "
            "where rowid in (select rowid from marts.fct_attendance_daily order by rowid limit 2)"
        )
    broken = run_dbt("test", "--select", SELECT, target_path=tmp_path / "broken", env=env)
    assert broken.returncode == 1, broken.stdout[-3000:]
    assert "FAIL 2 not_null_columns_fct_attendance_daily" in broken.stdout, broken.stdout[-3000:]

    # the failing rows name the columns and count their nulls
    results = json.loads((tmp_path / "broken" / "run_results.json").read_text())["results"]
    (compiled,) = [r["compiled_code"] for r in results if r["unique_id"].startswith("test.")]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(compiled).fetchall()
    assert sorted(rows) == [("status", 1), ("unit_id", 2)]
