"""The quarantine: every rejected input row, with a machine-readable reason and its original text.

Grain of ``raw.quarantine``: one row per rejected input row per batch.
"""

from __future__ import annotations

import duckdb

# Reason codes (issue 4 adds more as readers deepen). A row gets the first reason that applies.
REASONS = {
    "BAD_TYPE": "a value does not convert to the column's contract type",
    "BAD_TIMESTAMP": "punch_time is not a valid 'YYYY-MM-DD HH:MM:SS' timestamp",
    "FUTURE_TIMESTAMP": "punch_time lies after the time the file was ingested",
    "UNREGISTERED_DEVICE": "the device is not registered (or the row names another device)",
    "UNKNOWN_PIN": "the PIN is not the NIP of an employee in SIMPEG",
    "DUPLICATE": "the same device, PIN and punch time appeared earlier",
    "TRUNCATED_LINE": "the last line of the file is cut off",
    "BAD_FIELD_COUNT": "a line has a number of fields other than the header's",
    "BAD_ENUM": "a coded value is not one the contract allows",
    "MISSING_KEY": "a key column is empty",
    "DUPLICATE_KEY": "the primary key appears more than once in the source",
}

DDL = """
create schema if not exists raw;
create table if not exists raw.quarantine (
    batch_id varchar not null,
    source varchar not null,
    source_object varchar not null,
    row_number bigint,
    reason varchar not null,
    detail varchar,
    raw_text varchar,
    ingested_at timestamp not null
);
"""


def ensure_quarantine(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def insert_new(
    con: duckdb.DuckDBPyConnection, rejects: str, source: str, source_object: str, batch
) -> None:
    """Add rows of temp table ``rejects`` (row_number, reason, detail, raw_text), skipping rows
    already quarantined with the same reason and text, so re-reading a bad row (the incremental
    overlap, a re-run) does not duplicate it."""
    con.execute(
        f"""
        insert into raw.quarantine
        select ?, ?, ?, r.row_number, r.reason, r.detail, r.raw_text, ?
        from {rejects} r
        where not exists (
            select 1 from raw.quarantine q
            where q.source = ? and q.source_object = ? and q.reason = r.reason
              and q.raw_text is not distinct from r.raw_text
        )
        """,
        [batch.batch_id, source, source_object, batch.ingested_at, source, source_object],
    )
