"""`eperf land-parquet` (ingestion/parquet_landing.py): every raw.* table as a Parquet folder that
Spark 3.5 can read: same rows, TIME as 'HH:MM:SS' text, UBIGINT as DECIMAL(20,0), naive
timestamps kept, and a re-run replaces each folder whole."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import duckdb

from ingestion.parquet_landing import FILE_NAME, land_raw_parquet


def _warehouse(path):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        con.execute(
            "create table raw.app__activity_report (report_id varchar, start_time time, "
            "submitted_at timestamp, quantity decimal(10, 2), _row_hash ubigint)"
        )
        con.execute(
            "insert into raw.app__activity_report values "
            "('R1', time '07:30:05', timestamp '2025-01-02 16:45:00', 1.50, 18446744073709551615), "
            "('R2', null, null, null, null)"
        )
        con.execute("create table raw.quarantine (reason varchar)")
        con.execute("create view raw.not_a_table as select 1 as x")


def test_every_raw_table_lands_with_spark_readable_types(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _warehouse(warehouse)
    out = tmp_path / "raw"

    landed = land_raw_parquet(warehouse, out)

    assert [(t.table, t.rows) for t in landed] == [("app__activity_report", 2), ("quarantine", 0)]
    file = out / "app__activity_report" / FILE_NAME
    with duckdb.connect() as con:
        types = dict(con.execute(f"select name, type from parquet_schema('{file}')").fetchall()[1:])
        rows = con.execute(f"select * from read_parquet('{file}') order by report_id").fetchall()
    assert types["start_time"] == "BYTE_ARRAY"  # text, not a Parquet TIME
    assert types["_row_hash"] == "FIXED_LEN_BYTE_ARRAY"  # DECIMAL(20,0), not UINT64
    assert rows == [
        (
            "R1",
            "07:30:05",
            datetime(2025, 1, 2, 16, 45),
            Decimal("1.50"),
            Decimal("18446744073709551615"),
        ),
        ("R2", None, None, None, None),
    ]
    assert (out / "quarantine" / FILE_NAME).exists()


def test_a_rerun_replaces_each_folder_whole(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    _warehouse(warehouse)
    out = tmp_path / "raw"
    land_raw_parquet(warehouse, out)
    stale = out / "quarantine" / "part-old.parquet"
    stale.write_bytes(b"left over from an earlier landing")

    land_raw_parquet(warehouse, out)

    assert not stale.exists()
    assert sorted(p.name for p in (out / "quarantine").iterdir()) == [FILE_NAME]
