"""What stops publication for a database table: a source broken as a whole, not one bad row.

Each rejected row is quarantined and its neighbours load (ingestion/row_contract.py); pay is
published for everyone else. A table blocks publication only when too many of its rows are
rejected for the rest to be trusted:

* the share of the table's rows still held in quarantine (held ÷ held + loaded), which lasts
  until the rows are fixed at the source, so a blocked table stays blocked run after run; or
* the share rejected by its latest batch, so a source that breaks today is caught although a
  year of good rows dilutes the first measure.

Either above ``EPERF_QUARANTINE_BLOCK_SHARE`` (default 0.01, i.e. 1 %) blocks. A share is judged
only over at least ``EPERF_QUARANTINE_MIN_ROWS`` rows (default 100): one bad row among the ten
that changed today, or in a table of twenty, is one bad row, not a broken source. Duplicates of a
row that loaded are not counted: their content is in. A missing table or column stops the load
itself (ingestion.database.SourceBroken).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingestion.quarantine import HARMLESS_REASONS


@dataclass(frozen=True)
class RejectedShare:
    """How much of one table is rejected, and whether that blocks publication."""

    source: str
    table: str
    held: int
    loaded: int
    batch_rows: int
    batch_rejected: int
    threshold: float
    min_rows: int

    @property
    def held_share(self) -> float:
        total = self.held + self.loaded
        return self.held / total if total else 0.0

    @property
    def batch_share(self) -> float | None:
        if self.batch_rows < self.min_rows:
            return None
        return self.batch_rejected / self.batch_rows

    @property
    def blocks(self) -> bool:
        held = self.held_share if self.held + self.loaded >= self.min_rows else 0.0
        batch = self.batch_share
        return held > self.threshold or (batch is not None and batch > self.threshold)

    def describe(self) -> str:
        batch = self.batch_share
        text = (
            f"{self.source}.{self.table}: {self.held:,} of {self.held + self.loaded:,} rows "
            f"({self.held_share:.1%}) held in quarantine"
        )
        if batch is not None:
            text += (
                f"; latest batch rejected {self.batch_rejected:,} of {self.batch_rows:,} "
                f"({batch:.1%})"
            )
        verdict = "above" if self.blocks else "within"
        return (
            f"{text}; {verdict} the {self.threshold:.1%} a source may reject "
            "(EPERF_QUARANTINE_BLOCK_SHARE)"
        )


def rejected_share(
    con: duckdb.DuckDBPyConnection, source: str, table: str, threshold: float, min_rows: int
) -> RejectedShare:
    """The table's shares now (reads raw.quarantine, the raw table and quality.load_batches);
    ``threshold`` and ``min_rows`` are Settings.quarantine_block_share and _min_rows."""
    harmless = ", ".join(f"'{r}'" for r in HARMLESS_REASONS)
    held = con.execute(
        f"select count(*) from raw.quarantine where source = ? and source_object = ? "
        f"and resolved_at is null and reason not in ({harmless})",
        [source, table],
    ).fetchone()[0]
    loaded = con.execute(f"select count(*) from raw.{source}__{table}").fetchone()[0]
    latest = con.execute(
        "select rows_in, rows_quarantined from quality.load_batches "
        "where source = ? and source_object = ? and rows_in > 0 "
        "order by ingested_at desc limit 1",
        [source, table],
    ).fetchone() or (0, 0)
    return RejectedShare(source, table, held, loaded, latest[0], latest[1], threshold, min_rows)
