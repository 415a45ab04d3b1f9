"""Period close: pay that was paid is history (issue 8).

``close_period`` freezes a period's ``marts.fct_employee_monthly`` and ``marts.fct_tukin_lines``
rows, and the corrections (koreksi) paid in it, into the ``ledger`` schema. From then on the
published marts show the frozen rows for that period whatever the sources say, and any later
change to its inputs appears as an adjustment row in the next open period
(``marts.fct_tukin_adjustments``). ``reopen_period`` needs a reason; both are appended to
``ledger.period_close_log`` and never rewritten.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from ingestion.transaction import transaction

FROZEN = {
    "employee_monthly_paid": "marts.fct_employee_monthly",
    "tukin_lines_paid": "marts.fct_tukin_lines",
    "adjustments_paid": "marts.fct_tukin_adjustments",
}

LOG_DDL = """
create schema if not exists ledger;
create table if not exists ledger.period_close_log (
    period varchar not null, action varchar not null, logged_at timestamp not null,
    actor varchar not null, reason varchar, rows_frozen bigint
)
"""


class LedgerError(RuntimeError):
    """A close or reopen that must not happen (unknown period, already closed, no reason)."""


def ensure_ledger(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ledger tables, shaped like the marts they freeze (marts must exist)."""
    con.execute(LOG_DDL)
    for table, mart in FROZEN.items():
        con.execute(
            f"create table if not exists ledger.{table} as "
            f"select *, cast(null as timestamp) as closed_at from {mart} where false"
        )


def closed_periods(con: duckdb.DuckDBPyConnection) -> list[str]:
    con.execute(LOG_DDL)
    rows = con.execute(
        """
        select period from (
            select period, action,
                row_number() over (partition by period order by logged_at desc) as latest
            from ledger.period_close_log
        ) where latest = 1 and action = 'CLOSE' order by period
        """
    ).fetchall()
    return [r[0] for r in rows]


def close_period(con: duckdb.DuckDBPyConnection, period: str, actor: str) -> int:
    """Freeze the period's published pay; returns the number of employee-months frozen."""
    ensure_ledger(con)
    if period in closed_periods(con):
        raise LedgerError(f"Periode {period} sudah ditutup.")
    present = con.execute(
        "select count(*) from marts.fct_employee_monthly where period = ?", [period]
    ).fetchone()[0]
    if not present:
        raise LedgerError(f"Periode {period} tidak ada di marts: jalankan `eperf run` dahulu.")
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        for table, mart in FROZEN.items():
            con.execute(f"delete from ledger.{table} where period = ?", [period])
            con.execute(
                f"insert into ledger.{table} select *, ? from {mart} where period = ?",
                [now, period],
            )
        con.execute(
            "insert into ledger.period_close_log values (?, 'CLOSE', ?, ?, null, ?)",
            [period, now, actor, present],
        )
    return present


def reopen_period(con: duckdb.DuckDBPyConnection, period: str, actor: str, reason: str) -> None:
    """Reopen a closed period (explicitly, with a reason); its frozen rows stay in the log's
    history only through the close log, and the period is computed from the sources again."""
    ensure_ledger(con)
    if not reason.strip():
        raise LedgerError("Pembukaan kembali periode wajib disertai alasan.")
    if period not in closed_periods(con):
        raise LedgerError(f"Periode {period} tidak sedang ditutup.")
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        for table in FROZEN:
            con.execute(f"delete from ledger.{table} where period = ?", [period])
        con.execute(
            "insert into ledger.period_close_log values (?, 'REOPEN', ?, ?, ?, 0)",
            [period, now, actor, reason],
        )


def is_closed(settings, period: str) -> bool:
    """Whether ``period`` is closed now (read-only look at the warehouse's close log)."""
    if not settings.warehouse.exists():
        return False
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        has_log = con.execute(
            "select count(*) from duckdb_tables() "
            "where schema_name = 'ledger' and table_name = 'period_close_log'"
        ).fetchone()[0]
        if not has_log:
            return False
        latest = con.execute(
            "select action from ledger.period_close_log where period = ? "
            "order by logged_at desc limit 1",
            [period],
        ).fetchall()
    return latest == [("CLOSE",)]


def close_and_record(settings, period: str, actor: str) -> int:
    """What ``eperf close`` and the scheduled close do: freeze the period, then append the close
    to the audit log. Raises LedgerError (already closed, not built yet)."""
    from eperf import audit

    with duckdb.connect(str(settings.warehouse)) as con:
        rows = close_period(con, period, actor=actor)
    audit.record(settings.data_dir, "close", period, actor=actor, rows=rows)
    return rows
