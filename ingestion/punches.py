"""Load the attendance punches into ``raw.attendance__punch``, quarantining invalid rows.

Grain of ``raw.attendance__punch``: one row per accepted line of a device export file.
Validation order (the first failing rule names the reason): the device (folder and row) must be
registered, the timestamp must parse and not lie in the future, the PIN must be an employee's NIP,
the verify mode must be a contract code, and a line repeating an earlier (device, PIN, time) is a
duplicate. The skeleton reloads every file each run; issue 4 adds the manifest and increments.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from ingestion.batch import Batch, LoadReport
from ingestion.contract import PUNCH_TIME_FORMAT, VERIFY_MODES
from ingestion.device_files import list_device_files, parse_files
from ingestion.quarantine import clear_source_object, ensure_quarantine

SOURCE = "attendance"
OBJECT = "device_export"
TARGET = "raw.attendance__punch"
# A device clock may run a little ahead; only punches beyond this are FUTURE_TIMESTAMP. Device
# time is local (up to UTC+9), so compare against UTC now + 9 h + tolerance.
FUTURE_TOLERANCE = "interval 9 hour + interval 10 minute"

DDL = f"""
create table if not exists {TARGET} (
    device_sn varchar, pin varchar, punch_time timestamp, verify_mode varchar,
    punch_state varchar, _source varchar, _source_file varchar, _row_number bigint,
    _batch_id varchar, _ingested_at timestamp
)
"""


def load_punches(con: duckdb.DuckDBPyConnection, attendance_dir: Path, batch: Batch) -> LoadReport:
    """Load every export file. Needs ``raw.app__attendance_device`` and ``raw.simpeg__employee``."""
    ensure_quarantine(con)
    report = LoadReport(source=SOURCE, batch_id=batch.batch_id)
    files = list_device_files(attendance_dir) if attendance_dir.is_dir() else []
    parsed = parse_files(files, attendance_dir)
    lines = pa.table(
        {
            "device_sn": pa.array(parsed.device_sn, pa.string()),
            "pin": pa.array(parsed.pin, pa.string()),
            "punch_time": pa.array(parsed.punch_time, pa.string()),
            "verify_mode": pa.array(parsed.verify_mode, pa.string()),
            "punch_state": pa.array(parsed.punch_state, pa.string()),
            "source_file": pa.array(parsed.source_file, pa.string()),
            "folder_device": pa.array(parsed.folder_device, pa.string()),
            "row_number": pa.array(parsed.row_number, pa.int64()),
            "raw_text": pa.array(parsed.raw_text, pa.string()),
        }
    )
    con.execute("begin transaction")
    try:
        con.execute(DDL)
        con.execute(f"delete from {TARGET}")
        clear_source_object(con, SOURCE)
        _insert_split_rejects(con, parsed.rejected, batch)
        loaded, quarantined = _validate_and_insert(con, lines, batch)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    report.add(
        OBJECT, lines.num_rows + len(parsed.rejected), loaded, quarantined + len(parsed.rejected)
    )
    report.rows_in["files"] = len(files)
    return report


def _insert_split_rejects(con: duckdb.DuckDBPyConnection, rejected: list, batch: Batch) -> None:
    if not rejected:
        return
    con.executemany(
        "insert into raw.quarantine values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (batch.batch_id, SOURCE, name, line_no, reason, detail, text, batch.ingested_at)
            for name, line_no, reason, detail, text in rejected
        ],
    )


def _validate_and_insert(
    con: duckdb.DuckDBPyConnection, lines: pa.Table, batch: Batch
) -> tuple[int, int]:
    con.register("_lines", lines)
    modes = ", ".join(f"'{m}'" for m in VERIFY_MODES)
    con.execute(
        f"""
        create or replace temp table _punch_checked as
        with parsed as (
            select l.*, try_strptime(l.punch_time, '{PUNCH_TIME_FORMAT}') as punch_ts,
                d.device_sn is not null as device_known,
                e.nip is not null as pin_known
            from _lines l
            left join raw.app__attendance_device d on d.device_sn = l.folder_device
            left join raw.simpeg__employee e on e.nip = l.pin
        ),
        ranked as (
            select *, row_number() over (
                partition by device_sn, pin, punch_ts order by source_file, row_number
            ) as occurrence
            from parsed
        )
        select *,
            case
                when not device_known or device_sn is distinct from folder_device
                    then 'UNREGISTERED_DEVICE'
                when punch_ts is null then 'BAD_TIMESTAMP'
                when punch_ts > cast(? as timestamp) + {FUTURE_TOLERANCE} then 'FUTURE_TIMESTAMP'
                when not pin_known then 'UNKNOWN_PIN'
                when verify_mode is null or upper(verify_mode) not in ({modes}) then 'BAD_ENUM'
                when occurrence > 1 then 'DUPLICATE'
            end as reason
        from ranked
        """,
        [batch.ingested_at],
    )
    con.unregister("_lines")
    con.execute(
        """
        insert into raw.quarantine
        select ?, ?, source_file, row_number, reason, null, raw_text, ?
        from _punch_checked where reason is not null
        """,
        [batch.batch_id, SOURCE, batch.ingested_at],
    )
    con.execute(
        f"""
        insert into {TARGET}
        select device_sn, pin, punch_ts, upper(verify_mode), punch_state, ?, source_file,
            row_number, ?, ?
        from _punch_checked where reason is null
        """,
        [SOURCE, batch.batch_id, batch.ingested_at],
    )
    quarantined, total = con.execute(
        "select count(*) filter (where reason is not null), count(*) from _punch_checked"
    ).fetchone()
    return total - quarantined, quarantined
