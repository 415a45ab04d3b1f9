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


def clear_source_object(
    con: duckdb.DuckDBPyConnection, source: str, source_object: str | None = None
) -> None:
    """Forget earlier quarantine rows of an object (or a whole source) being reloaded in full."""
    if source_object is None:
        con.execute("delete from raw.quarantine where source = ?", [source])
    else:
        con.execute(
            "delete from raw.quarantine where source = ? and source_object = ?",
            [source, source_object],
        )
