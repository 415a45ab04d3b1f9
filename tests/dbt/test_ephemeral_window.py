"""An ephemeral step compiled into a partitioned model takes the partition window when its reader
rebuilds only the window (the reader's table exists), and reads everything when the reader is
built whole (its table missing): the window must never cut a table that is being created."""

from __future__ import annotations

import duckdb

from eperf.config import run_dbt

# int_activity_reports_attributed (ephemeral) reads the reports of the window's activity dates
WINDOW = "d.activity_date >= cast('2025-01-01' as date) and d.activity_date < cast('2025-02-01'"


def compiled_mart(warehouse_copy, target) -> str:
    env = {**warehouse_copy.env, "EPERF_PERIOD_FROM": "2025-01", "EPERF_PERIOD_TO": "2025-01"}
    result = run_dbt("compile", "--select", "fct_activity_reports", target_path=target, env=env)
    assert result.returncode == 0, result.stdout[-3000:]
    (sql,) = (target / "compiled").rglob("fct_activity_reports.sql")
    return sql.read_text()


def test_the_window_reaches_an_ephemeral_step_only_when_its_reader_is_rebuilt_by_window(
    warehouse_copy, tmp_path
):
    assert WINDOW in compiled_mart(warehouse_copy, tmp_path / "existing")

    with duckdb.connect(str(warehouse_copy.path)) as con:
        con.execute("drop table marts.fct_activity_reports")
    assert WINDOW not in compiled_mart(warehouse_copy, tmp_path / "missing")
