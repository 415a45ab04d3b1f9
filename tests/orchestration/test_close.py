"""The scheduled close: the same code path as `eperf close`, and a closed period is not closed
twice (a real DuckDB warehouse with minimal marts)."""

from __future__ import annotations

import json

import duckdb

from eperf import ledger
from eperf.config import Settings
from orchestration.defs.close import close_if_open


def test_a_closed_period_is_not_closed_twice(tmp_path):
    settings = Settings.from_env({"EPERF_DATA_DIR": str(tmp_path)})
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_employee_monthly as "
            "select * from (values ('E1', '2025-01', 100), ('E2', '2025-01', 200), "
            "('E1', '2025-02', 300)) t(nip, period, tukin_net_idr)"
        )
        con.execute(
            "create table marts.fct_tukin_lines as select nip, period from "
            "marts.fct_employee_monthly"
        )
        con.execute(
            "create table marts.fct_tukin_adjustments as select nip, period from "
            "marts.fct_employee_monthly where false"
        )
    assert not ledger.is_closed(settings, "2025-01")
    assert close_if_open(settings, "2025-01") == 2
    assert ledger.is_closed(settings, "2025-01")
    assert close_if_open(settings, "2025-01") is None
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute(
            "select period, action, actor from ledger.period_close_log"
        ).fetchall() == [("2025-01", "CLOSE", "dagster-schedule")]
        assert con.execute("select count(*) from ledger.employee_monthly_paid").fetchone() == (2,)
    events = [
        json.loads(line) for line in (tmp_path / "audit" / "audit.jsonl").read_text().splitlines()
    ]
    assert [(e["action"], e["subject"], e["actor"]) for e in events] == [
        ("close", "2025-01", "dagster-schedule")
    ]
    assert not ledger.is_closed(settings, "2025-02")
