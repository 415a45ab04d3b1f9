"""Incremental, idempotent loader for the two source databases (SIMPEG, e-Performance app).

For each contract table (ingestion/contract.py):

1. Read the rows changed since the table's watermark minus a safety overlap (all rows the first
   time) as text (ingestion/landing.py: DuckDB scanner or chunked SQLAlchemy).
2. Cast every value to its contract type, in the same pass as the read. A row whose key is
   empty is quarantined as ``MISSING_KEY``, one with a value that does not convert as
   ``BAD_TYPE``; a key read twice keeps its newest version (``updated_at``, then last read) and
   the other is ``DUPLICATE_KEY``.
3. Merge by primary key into ``raw.<source>__<table>``: a row whose content hash is unchanged is
   left alone (with its original lineage), a changed or new row replaces the stored one. Soft
   deletes (``deleted``) arrive as ordinary updates. Running twice changes nothing.
4. Move the watermark to the newest change timestamp landed.

Grain of ``raw.<source>__<table>``: one row per source primary key, its newest version.
"""

from __future__ import annotations

import os
from datetime import timedelta

import duckdb
import sqlalchemy as sa

from ingestion import landing, retry, watermarks
from ingestion.batch import Batch, LoadReport
from ingestion.contract import duckdb_type, raw_table_name
from ingestion.limits import bound_memory
from ingestion.quarantine import ensure_quarantine, insert_new
from ingestion.transaction import transaction

LINEAGE_COLUMNS = {
    "_source": "varchar",
    "_source_table": "varchar",
    "_row_number": "bigint",
    "_batch_id": "varchar",
    "_ingested_at": "timestamp",
    # DuckDB's 64-bit hash of the row's contract columns: detects a changed row of the same key.
    # (Its values may change with a DuckDB upgrade; then every row is rewritten once, harmlessly.)
    "_row_hash": "ubigint",
}
# Rows committed late by the operational app can carry an updated_at a little before the last
# watermark; re-reading this window (and skipping unchanged rows by hash) loses none of them.
DEFAULT_OVERLAP = timedelta(minutes=int(os.environ.get("EPERF_INGEST_OVERLAP_MINUTES", "60")))
WATERMARK_CANDIDATES = ("updated_at", "rated_at")


def watermark_column(table: sa.Table) -> str | None:
    """The change timestamp of a table (``updated_at``; ``rated_at`` for ratings), if any."""
    return next((c for c in WATERMARK_CANDIDATES if c in table.columns), None)


def load_database(
    con: duckdb.DuckDBPyConnection,
    url: str,
    source: str,
    metadata: sa.MetaData,
    batch: Batch,
    overlap: timedelta = DEFAULT_OVERLAP,
    tables: set[str] | None = None,
) -> LoadReport:
    """Load the changes of every contract table of one source database into ``raw`` (only
    ``tables``, by name, when given).

    Raises :class:`ingestion.retry.SourceUnavailable` (naming the source) when the database does
    not answer after the configured retries; nothing is written then."""
    retry.check_database(url, source)
    bound_memory(con)
    ensure_quarantine(con)
    report = LoadReport(source=source, batch_id=batch.batch_id)
    scanner = landing.attach_source(con, url)
    try:
        for table in metadata.sorted_tables:
            if tables is not None and table.name not in tables:
                continue
            try:
                _load_table(con, url, scanner, source, table, batch, report, overlap)
            except duckdb.Error:
                if not scanner or table.name in report.rows_in:
                    raise
                # Text that is not valid UTF-8 (a legacy Latin-1 value, a BLOB where text
                # belongs) makes DuckDB's scanner fail, at landing or in a later string function
                # (found by tests/reliability/test_fuzz_ingestion.py). The table's transaction was
                # rolled back; read it again through SQLAlchemy, which decodes each value
                # (landing.read_chunks). Any other error recurs there and is raised.
                _load_table(con, url, False, source, table, batch, report, overlap)
    finally:
        if scanner:
            landing.detach_source(con)
    return report


def _load_table(
    con: duckdb.DuckDBPyConnection,
    url: str,
    scanner: bool,
    source: str,
    table: sa.Table,
    batch: Batch,
    report: LoadReport,
    overlap: timedelta,
) -> None:
    target = f"raw.{raw_table_name(source, table.name)}"
    mark = watermark_column(table)
    with transaction(con):
        if _ensure_raw_table(con, target, table):
            watermarks.reset(con, source, table.name)
        high = watermarks.get(con, source, table.name) if mark else None
        since = high - overlap if high is not None else None
        rowids = None
        if scanner and mark and since is not None:
            rowids = landing.sqlite_changed_rowids(url, table, mark, since)
        if rowids is not None and not landing.land_sqlite_changes(con, table, rowids):
            # The day's changes, found by SQLite's index on the change time, are landed.
            rows, params = landing.scanner_select(table, mark, since, source="_landing")
        elif scanner and rowids is None and not landing.sqlite_has_blobs(url, table):
            by_rowid = landing.sqlite_has_rowid(url, table)
            rows, params = landing.scanner_select(table, mark, since, by_rowid)
        else:  # read through SQLAlchemy, which decodes every value
            landing.land_with_sqlalchemy(con, url, table, mark, since)
            rows, params = "select * from _landing", []
        _check_rows(con, table, rows, params)
        con.execute("drop table if exists _landing")
        rows_in = con.execute("select count(*) from _checked").fetchone()[0]
        quarantined = _quarantine_rejects(con, source, table, batch)
        loaded = rows_in - quarantined
        report.add(table.name, rows_in, loaded, quarantined)
        report.rows_changed[table.name] = _merge(con, target, source, table, batch)
        if mark:
            newest = con.execute(
                f"select max({mark}) from _checked where _reason is null"
            ).fetchone()[0]
            watermarks.advance(
                con, source, table.name, mark, newest, batch.batch_id, batch.ingested_at
            )


def _ensure_raw_table(con: duckdb.DuckDBPyConnection, target: str, table: sa.Table) -> bool:
    """Create the raw table if missing or if its columns changed; True when (re)created."""
    expected = [(c.name, duckdb_type(c)) for c in table.columns] + list(LINEAGE_COLUMNS.items())
    schema, name = target.split(".")
    found = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    if [(n, t.upper()) for n, t in found] == [(n, t.upper()) for n, t in expected]:
        return False
    columns = ", ".join(f"{n} {t}" for n, t in expected)
    con.execute(f"create or replace table {target} ({columns})")
    return True


def _check_rows(con: duckdb.DuckDBPyConnection, table: sa.Table, rows: str, params: list) -> None:
    """Typed copy ``_checked`` of the text rows of query ``rows``, with the first reason (if
    any) each row is rejected for and, for a rejected row, its text as read (``_raw_text``).

    One pass casts, reasons and keeps the text of rejects only: a ministry-year's table is never
    held twice. A key read twice keeps its newest version; only keys seen more than once are
    ranked (a window over every row sorted 20 million keys to find a handful)."""
    casts = ", ".join(
        f"try_cast(nullif(trim(src.{c.name}), '') as {duckdb_type(c)}) as {c.name}, "
        f"nullif(trim(src.{c.name}), '') is not null as {c.name}__given"
        for c in table.columns
    )
    raw = ", ".join(f"{c.name} := src.{c.name}" for c in table.columns)
    given = ", ".join(f"{c.name}__given" for c in table.columns)
    bad_value = " or ".join(f"({c.name}__given and {c.name} is null)" for c in table.columns)
    missing_key = " or ".join(f"not {c.name}__given" for c in table.primary_key.columns)
    keys = ", ".join(c.name for c in table.primary_key.columns)
    order = "updated_at desc nulls last, " if "updated_at" in table.columns else ""
    con.execute(
        f"""
        create or replace temp table _checked as
        select * exclude ({given}, _raw, _reason), _reason,
            case when _reason is not null then to_json(_raw)::varchar end as _raw_text
        from (
            select *,
                case when {missing_key} then 'MISSING_KEY' when {bad_value} then 'BAD_TYPE' end
                    as _reason
            from (select {casts}, src._row_number, struct_pack({raw}) as _raw from ({rows}) src)
        )
        """,
        params,
    )
    con.execute(
        f"""
        create or replace temp table _duplicates as
        select _row_number from (
            select _row_number, row_number() over (
                partition by {keys} order by {order}_row_number desc) as _rank
            from _checked
            semi join (
                select {keys} from _checked where _reason is null
                group by {keys} having count(*) > 1
            ) using ({keys})
            where _reason is null
        )
        where _rank > 1
        """
    )
    if con.execute("select count(*) from _duplicates").fetchone()[0]:
        # The older versions keep their text as read: read those few rows again.
        con.execute(
            f"""
            update _checked c set _reason = 'DUPLICATE_KEY', _raw_text = d.raw_text
            from (
                select src._row_number, to_json(struct_pack({raw}))::varchar as raw_text
                from ({rows}) src
                where src._row_number in (select _row_number from _duplicates)
            ) d
            where c._row_number = d._row_number
            """,
            params,
        )


def _quarantine_rejects(
    con: duckdb.DuckDBPyConnection, source: str, table: sa.Table, batch: Batch
) -> int:
    con.execute(
        """
        create or replace temp table _rejects as
        select _row_number as row_number, _reason as reason,
            case _reason when 'DUPLICATE_KEY' then 'a newer row with the same key was kept' end
                as detail,
            _raw_text as raw_text
        from _checked
        where _reason is not null
        """
    )
    count = con.execute("select count(*) from _rejects").fetchone()[0]
    if count:
        insert_new(con, "_rejects", source, table.name, batch)
    return count


def _merge(
    con: duckdb.DuckDBPyConnection, target: str, source: str, table: sa.Table, batch: Batch
) -> int:
    """Upsert the accepted rows by key; unchanged rows (same hash) are skipped. Returns changes.
    Into an empty table (a first load) the rows go straight in, without a copy to compare."""
    names = [c.name for c in table.columns]
    keys = [c.name for c in table.primary_key.columns]
    match = " and ".join(f"r.{k} = c.{k}" for k in keys)
    content = ", ".join(f"{n} := {n}" for n in names)
    accepted = f"""
        select {", ".join(names)}, ? as _source, ? as _source_table, _row_number,
            ? as _batch_id, ? as _ingested_at,
            hash(struct_pack({content})) as _row_hash
        from _checked where _reason is null
    """
    lineage = [source, table.name, batch.batch_id, batch.ingested_at]
    if con.execute(f"select count(*) from (select 1 from {target} limit 1)").fetchone()[0] == 0:
        return con.execute(f"insert into {target} {accepted}", lineage).fetchone()[0]
    con.execute(
        f"""
        create or replace temp table _changed as
        select c.* from ({accepted}) c
        left join {target} r on {match}
        where r._row_hash is distinct from c._row_hash
        """,
        lineage,
    )
    con.execute(f"delete from {target} r using _changed c where {match}")
    con.execute(f"insert into {target} select * from _changed")
    return con.execute("select count(*) from _changed").fetchone()[0]
