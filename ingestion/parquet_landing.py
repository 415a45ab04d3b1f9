"""Land every ``raw.*`` table of the DuckDB warehouse as Parquet, for a distributed engine.

Ingestion (readers, quarantine, lineage) lands raw rows in DuckDB; a Spark cluster reads the same
rows from Parquet. Each table becomes a folder ``<out>/<table>/`` holding ``data.parquet``, so a
Spark external table (or any engine) can point at the folder. ``<out>`` may be a local folder or,
with DuckDB's httpfs settings, an object-storage prefix.

Types are the warehouse's, except those Spark 3.5 cannot read from Parquet:

* ``TIME`` (activity start/end times) is written as text ``HH:MM:SS``; Spark has no time-of-day
  type, and the Spark models compare and combine these texts (dbt_project/macros/portable.sql);
* unsigned ``UBIGINT`` (the row-content hash) as ``DECIMAL(20,0)``.

Timestamps stay naive (Parquet ``isAdjustedToUTC=false``): device and application times are
local wall-clock times. The Spark session reads them as such with its time zone set to UTC
(``spark.sql.session.timeZone=UTC``, checked by ``spark_session_checks`` before every build).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.landing import sql_literal

RAW_SCHEMA = "raw"
FILE_NAME = "data.parquet"


@dataclass(frozen=True)
class LandedTable:
    """One raw table written as Parquet: its name, folder and row count."""

    table: str
    folder: Path
    rows: int


def _column_expression(name: str, data_type: str) -> str:
    quoted = f'"{name}"'
    if data_type == "TIME":
        return f"strftime(cast(date '2000-01-01' + {quoted} as timestamp), '%H:%M:%S') as {quoted}"
    if data_type == "UBIGINT":
        return f"cast({quoted} as decimal(20, 0)) as {quoted}"
    return quoted


def land_raw_parquet(warehouse: Path, out_dir: Path) -> list[LandedTable]:
    """Write every ``raw.*`` table of ``warehouse`` to ``out_dir/<table>/data.parquet``.

    Each table's folder is replaced whole, so a re-run gives the same files and no stale part
    survives. The warehouse is opened read-only.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    landed: list[LandedTable] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
                [RAW_SCHEMA],
            ).fetchall()
        ]
        for table in tables:
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [RAW_SCHEMA, table],
            ).fetchall()
            select_list = ", ".join(_column_expression(name, kind) for name, kind in columns)
            folder = out_dir / table
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            target = sql_literal((folder / FILE_NAME).as_posix())
            con.execute(
                f'copy (select {select_list} from {RAW_SCHEMA}."{table}") '
                f"to {target} (format parquet, compression zstd)"
            )
            rows = con.execute(f'select count(*) from {RAW_SCHEMA}."{table}"').fetchone()[0]
            landed.append(LandedTable(table, folder, int(rows)))
    return landed
