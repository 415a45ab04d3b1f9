"""The quarantine: every rejected input row, with a machine-readable reason and its original text.

Grain of ``raw.quarantine``: one row per rejected input row per batch.
"""

from __future__ import annotations

import duckdb

# Reason codes. A row gets the first reason that applies.
REASONS = {
    "BAD_TYPE": "a value does not convert to the column's contract type",
    "BAD_TIMESTAMP": "punch_time is not a valid 'YYYY-MM-DD HH:MM:SS' timestamp",
    "FUTURE_TIMESTAMP": "punch_time lies after the time the file was ingested",
    "UNREGISTERED_DEVICE": "the device is not registered (or the row names another device)",
    "UNKNOWN_PIN": "the PIN is enrolled on no employee on that device that day (device_user) "
    "and is not the NIP of an employee in SIMPEG",
    "DUPLICATE": "the same device, PIN and punch time appeared earlier",
    "TRUNCATED_LINE": "the last line of the file is cut off",
    "BAD_FIELD_COUNT": "a line has a number of fields other than its format's",
    "BAD_ENUM": "a coded value is not one the contract allows",
    "MISSING_KEY": "a key column is empty",
    "MISSING_VALUE": "a column the contract requires is empty",
    "OUT_OF_RANGE": "a number lies outside the contract's range (e.g. a quantity of 0 or less)",
    "DATES_OUT_OF_ORDER": "an end date lies before its start date",
    "BAD_FORMAT": "a value does not have the contract's form (e.g. an 18-digit NIP)",
    "UNKNOWN_REFERENCE": "the row names an employee, unit, device or activity the sources do not "
    "hold (checked again when they change)",
    "DUPLICATE_KEY": "the primary key appears more than once in the source",
}
# Reasons whose row changes nobody's numbers: its content is loaded from another row.
HARMLESS_REASONS = ("DUPLICATE", "DUPLICATE_KEY")

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
-- The row's key (databases), which employee-months it may have changed, and when it left the
-- quarantine (added to warehouses made before these were kept).
alter table raw.quarantine add column if not exists row_key varchar;
alter table raw.quarantine add column if not exists scope_kind varchar;
alter table raw.quarantine add column if not exists scope_value varchar;
alter table raw.quarantine add column if not exists first_date date;
alter table raw.quarantine add column if not exists last_date date;
alter table raw.quarantine add column if not exists resolved_at timestamp;
alter table raw.quarantine add column if not exists resolved_batch_id varchar;
alter table raw.quarantine add column if not exists resolution varchar;
"""
COLUMNS = (
    "batch_id, source, source_object, row_number, reason, detail, raw_text, ingested_at, "
    "row_key, scope_kind, scope_value, first_date, last_date"
)


def ensure_quarantine(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def insert_new(
    con: duckdb.DuckDBPyConnection, rejects: str, source: str, source_object: str, batch
) -> None:
    """Add rows of temp table ``rejects`` (row_number, reason, detail, raw_text, row_key,
    scope_kind, scope_value, first_date, last_date), skipping rows still quarantined with the
    same reason and text, so re-reading a bad row (the incremental overlap, a re-run, a retry)
    does not add it twice."""
    con.execute(
        f"""
        insert into raw.quarantine ({COLUMNS})
        select ?, ?, ?, r.row_number, r.reason, r.detail, r.raw_text, ?, r.row_key,
            r.scope_kind, r.scope_value, r.first_date, r.last_date
        from {rejects} r
        where not exists (
            select 1 from raw.quarantine q
            where q.source = ? and q.source_object = ? and q.reason = r.reason
              and q.raw_text is not distinct from r.raw_text and q.resolved_at is null
        )
        """,
        [batch.batch_id, source, source_object, batch.ingested_at, source, source_object],
    )
