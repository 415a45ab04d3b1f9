"""A load batch: the lineage every raw row carries (source, object, row number, batch id, time)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

# Grain: one row per source object per load batch. What each batch read, loaded and
# quarantined: the share of rejected rows that stops publication is read here. Outside ``raw``:
# bookkeeping of the loads, not landed source data.
LOG_DDL = """
create schema if not exists quality;
create table if not exists quality.load_batches (
    batch_id varchar not null, source varchar not null, source_object varchar not null,
    rows_in bigint, rows_loaded bigint, rows_quarantined bigint, rows_changed bigint,
    ingested_at timestamp not null, rows_merged bigint
)
"""


@dataclass(frozen=True)
class Batch:
    """One ingestion run of one source; its id and start time are stamped on every raw row."""

    source: str
    batch_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ingested_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))


@dataclass
class LoadReport:
    """Rows read, loaded and quarantined per source object; rows_in must equal the other two."""

    source: str
    batch_id: str
    rows_in: dict[str, int] = field(default_factory=dict)
    rows_loaded: dict[str, int] = field(default_factory=dict)
    rows_quarantined: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)
    # lines that repeat a record already held (overlapping device logs): one record, not two
    rows_merged: dict[str, int] = field(default_factory=dict)

    def add(self, obj: str, rows_in: int, loaded: int, quarantined: int, merged: int = 0) -> None:
        if rows_in != loaded + merged + quarantined:
            raise AssertionError(
                f"{self.source}.{obj}: {rows_in} rows read but {loaded} loaded + {merged} "
                f"merged + {quarantined} quarantined"
            )
        self.rows_in[obj] = self.rows_in.get(obj, 0) + rows_in
        self.rows_loaded[obj] = self.rows_loaded.get(obj, 0) + loaded
        self.rows_quarantined[obj] = self.rows_quarantined.get(obj, 0) + quarantined
        self.rows_merged[obj] = self.rows_merged.get(obj, 0) + merged

    @property
    def totals(self) -> dict[str, int]:
        return {
            "rows_in": sum(self.rows_in.values()),
            "rows_loaded": sum(self.rows_loaded.values()),
            "rows_quarantined": sum(self.rows_quarantined.values()),
        }


def record_batch(con: duckdb.DuckDBPyConnection, report: LoadReport, batch: Batch) -> None:
    """Append the report's counts per source object to ``quality.load_batches``."""
    con.execute(LOG_DDL)
    rows = [
        (
            report.batch_id,
            report.source,
            obj,
            rows_in,
            report.rows_loaded.get(obj, 0),
            report.rows_quarantined.get(obj, 0),
            report.rows_changed.get(obj),
            batch.ingested_at,
            report.rows_merged.get(obj, 0),
        )
        for obj, rows_in in report.rows_in.items()
        if obj in report.rows_loaded
    ]
    if rows:
        con.executemany("insert into quality.load_batches values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
