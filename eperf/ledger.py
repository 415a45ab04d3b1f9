"""Period close: pay that was paid is history.

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

from eperf.transaction import transaction

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
        # a mart that gained a column since the ledger was made (rows frozen before it: empty)
        schema, name = mart.split(".")
        for column, data_type in con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ? and column_name not in ("
            "select column_name from information_schema.columns "
            "where table_schema = 'ledger' and table_name = ?)",
            [schema, name, table],
        ).fetchall():
            con.execute(f'alter table ledger.{table} add column "{column}" {data_type}')


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


class MarkedMonths(LedgerError):
    """Employee-months of the period that a row still in quarantine may have changed."""

    def __init__(self, period: str, marked: list[tuple[str, int, str]]):
        self.period, self.marked = period, marked
        shown = "; ".join(f"{nip} ({rows} baris: {reasons})" for nip, rows, reasons in marked[:20])
        more = f"; dan {len(marked) - 20} lainnya" if len(marked) > 20 else ""
        super().__init__(
            f"Periode {period}: {len(marked)} pegawai-bulan mungkin berubah oleh baris sumber yang "
            f"masih dikarantina: {shown}{more}. Perbaiki data sumber dan jalankan `eperf run`, "
            "atau tutup dengan --force bila angka ini memang akan dibayar."
        )


def marked_months(con: duckdb.DuckDBPyConnection, period: str) -> list[tuple[str, int, str]]:
    """(NIP, quarantined rows, reasons) of each employee-month of ``period`` that a row still
    in quarantine may have changed (marts.fct_marked_employee_months)."""
    has_mart = con.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'marts' and table_name = 'fct_marked_employee_months'"
    ).fetchone()[0]
    if not has_mart:
        return []
    return con.execute(
        "select nip, quarantined_rows, reasons from marts.fct_marked_employee_months "
        "where period = ? order by nip",
        [period],
    ).fetchall()


def close_period(
    con: duckdb.DuckDBPyConnection, period: str, actor: str, force: bool = False
) -> int:
    """Freeze the period's published pay; returns the number of employee-months frozen.
    Refuses (:class:`MarkedMonths`, naming them) while a quarantined row may have changed one of
    its employee-months, unless ``force``: nobody pays such a month without seeing it."""
    ensure_ledger(con)
    if period in closed_periods(con):
        raise LedgerError(f"Periode {period} sudah ditutup.")
    present = con.execute(
        "select count(*) from marts.fct_employee_monthly where period = ?", [period]
    ).fetchone()[0]
    if not present:
        raise LedgerError(f"Periode {period} tidak ada di marts: jalankan `eperf run` dahulu.")
    marked = marked_months(con, period)
    if marked and not force:
        raise MarkedMonths(period, marked)
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        for table, mart in FROZEN.items():
            con.execute(f"delete from ledger.{table} where period = ?", [period])
            con.execute(
                f"insert into ledger.{table} by name "
                f"select *, ? as closed_at from {mart} where period = ?",
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


def close_and_record(settings, period: str, actor: str, force: bool = False, warn=None) -> int:
    """What ``eperf close`` and the scheduled close do: freeze the period, then append the close
    to the audit log (with the number of marked employee-months a forced close paid; ``warn``
    is told their names). Raises LedgerError (already closed, not built yet, marked
    employee-months without ``force``)."""
    from eperf import audit

    with duckdb.connect(str(settings.warehouse)) as con:
        marked = marked_months(con, period)
        if marked and force and warn:
            warn(f"{MarkedMonths(period, marked)} --force: ditutup juga.")
        rows = close_period(con, period, actor=actor, force=force)
    details = {"forced_marked_months": len(marked)} if marked else {}
    audit.record(settings.data_dir, "close", period, actor=actor, rows=rows, **details)
    return rows
