"""High watermarks of incremental database reads: the newest change timestamp landed per table.

Grain of ``raw.ingestion_watermark``: one row per source table.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

DDL = """
create schema if not exists raw;
create table if not exists raw.ingestion_watermark (
    source varchar not null,
    source_table varchar not null,
    watermark_column varchar not null,
    high_watermark timestamp,
    batch_id varchar,
    updated_at timestamp,
    primary key (source, source_table)
)
"""


def get(con: duckdb.DuckDBPyConnection, source: str, table: str) -> datetime | None:
    con.execute(DDL)
    row = con.execute(
        "select high_watermark from raw.ingestion_watermark where source = ? and source_table = ?",
        [source, table],
    ).fetchone()
    return row[0] if row else None


def advance(
    con: duckdb.DuckDBPyConnection,
    source: str,
    table: str,
    column: str,
    high: datetime | None,
    batch_id: str,
    now: datetime,
) -> None:
    """Move the watermark forward to ``high`` (never backwards)."""
    con.execute(DDL)
    con.execute(
        """
        insert into raw.ingestion_watermark values (?, ?, ?, ?, ?, ?)
        on conflict (source, source_table) do update set
            high_watermark = greatest(raw.ingestion_watermark.high_watermark,
                                      excluded.high_watermark),
            watermark_column = excluded.watermark_column,
            batch_id = excluded.batch_id, updated_at = excluded.updated_at
        """,
        [source, table, column, high, batch_id, now],
    )


def reset(con: duckdb.DuckDBPyConnection, source: str, table: str) -> None:
    con.execute(DDL)
    con.execute(
        "delete from raw.ingestion_watermark where source = ? and source_table = ?",
        [source, table],
    )
