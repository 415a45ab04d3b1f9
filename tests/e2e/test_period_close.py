"""A closed month is history. Changing a punch after the close leaves the closed rows
identical and adds a koreksi in the next month whose amount equals the difference."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_eperf, source_env
from tests.e2e.tiny_sources import E2, write_tiny_sources

# Three full pipeline runs with a close and a reopen between them: 2 to 4 minutes.
pytestmark = pytest.mark.slow


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_close_then_change_a_punch_gives_a_koreksi_not_a_rewrite(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    attendance = Path(env["EPERF_ATTENDANCE_DIR"])
    write_tiny_sources(env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], attendance)
    warehouse = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"
    assert run_eperf(["run"], env).returncode == 0
    monthly_sql = "select * from marts.fct_employee_monthly where period = '2025-01' order by nip"
    lines_sql = "select * from marts.fct_tukin_lines where period = '2025-01' order by nip, line_no"
    paid, paid_lines = rows(warehouse, monthly_sql), rows(warehouse, lines_sql)

    closed = run_eperf(["close", "--period", "2025-01"], env)
    assert closed.returncode == 0, closed.stderr
    assert run_eperf(["close", "--period", "2025-01"], env).returncode == 2  # already closed

    # E2 was 15 minutes late on 2 January (TL1, 0.5 %); the device re-sends the day on time.
    day = attendance / "DEV-JKT" / "2025-01-02.csv"
    day.write_text(
        day.read_text(encoding="utf-8").replace(
            f"{E2},2025-01-02 07:45:59", f"{E2},2025-01-02 07:25:00"
        ),
        encoding="utf-8",
    )
    assert run_eperf(["run"], env).returncode == 0

    assert rows(warehouse, monthly_sql) == paid
    assert rows(warehouse, lines_sql) == paid_lines
    # By hand: without the TL1 the deduction is 16.75 %, so net = 2,507,400 x (0.6 x 3960/5700
    # + 0.4 - 0.1675) = 1,628,160.39 -> 1,628,160; paid 1,615,623; koreksi +12,537 in February.
    assert rows(
        warehouse,
        "select nip, period, corrected_period, paid_net_idr, recomputed_net_idr, amount_idr "
        "from marts.fct_tukin_adjustments",
    ) == [(E2, "2025-02", "2025-01", 1_615_623, 1_628_160, 12_537)]

    # Reopening needs a reason, is logged, and then the month is computed from the sources again.
    assert run_eperf(["reopen", "--period", "2025-01", "--reason", " "], env).returncode == 2
    reopened = run_eperf(["reopen", "--period", "2025-01", "--reason", "keberatan pegawai"], env)
    assert reopened.returncode == 0, reopened.stderr
    assert run_eperf(["run"], env).returncode == 0
    assert rows(
        warehouse, "select tukin_net_idr from marts.fct_employee_monthly where nip = ?", [E2]
    ) == [(1_628_160,)]
    assert rows(warehouse, "select count(*) from marts.fct_tukin_adjustments") == [(0,)]
    assert [
        r[1]
        for r in rows(
            warehouse, "select period, action from ledger.period_close_log order by logged_at"
        )
    ] == ["CLOSE", "REOPEN"]
