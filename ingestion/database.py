"""Reader and loader for the two source databases (SIMPEG, e-Performance app), any SQLAlchemy URL.

Rows are read in chunks without SQLAlchemy's type processing (so a malformed value in one row
cannot abort the read), turned into text columns, and cast in DuckDB to the contract type with
``try_cast``: a row whose non-empty value does not convert is quarantined as ``BAD_TYPE``; a row
whose key is empty as ``MISSING_KEY``; a repeated key keeps its newest ``updated_at`` and the
others are quarantined as ``DUPLICATE_KEY``.

Grain of ``raw.<source>__<table>``: one row per source row (primary key) as of the batch.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from ingestion.batch import Batch, LoadReport
from ingestion.contract import duckdb_type, raw_table_name
from ingestion.quarantine import clear_source_object, ensure_quarantine

CHUNK_ROWS = 200_000
LINEAGE_COLUMNS = (
    "_source varchar, _source_table varchar, _row_number bigint, "
    "_batch_id varchar, _ingested_at timestamp"
)


def read_chunks(engine: sa.Engine, table: sa.Table) -> Iterator[pa.Table]:
    """Yield the table's rows as all-text Arrow tables, ordered by primary key."""
    columns = [sa.column(c.name) for c in table.columns]
    order = [sa.column(c.name) for c in table.primary_key.columns]
    query = sa.select(*columns).select_from(sa.table(table.name)).order_by(*order)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(query)
        while rows := result.fetchmany(CHUNK_ROWS):
            yield _as_text_table([c.name for c in table.columns], rows)


def _as_text_table(names: list[str], rows: list[tuple]) -> pa.Table:
    arrays = []
    for i, _name in enumerate(names):
        values = [row[i] for row in rows]
        arrays.append(_text_array(values))
    return pa.table(dict(zip(names, arrays, strict=True)))


def _text_array(values: list) -> pa.Array:
    """Text form of one column: Arrow's own cast when the values share a type, str() otherwise."""
    try:
        typed = pa.array(values)
        if pa.types.is_boolean(typed.type):
            return pc.if_else(typed, "true", "false")
        if pa.types.is_timestamp(typed.type):
            return pc.strftime(typed, format="%Y-%m-%d %H:%M:%S.%f")
        return pc.cast(typed, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def load_database(
    con: duckdb.DuckDBPyConnection, url: str, source: str, metadata: sa.MetaData, batch: Batch
) -> LoadReport:
    """Load a full snapshot of every contract table of one source database into ``raw``."""
    ensure_quarantine(con)
    report = LoadReport(source=source, batch_id=batch.batch_id)
    engine = sa.create_engine(url)
    try:
        for table in metadata.sorted_tables:
            _load_table(con, engine, source, table, batch, report)
    finally:
        engine.dispose()
    return report


def _load_table(
    con: duckdb.DuckDBPyConnection,
    engine: sa.Engine,
    source: str,
    table: sa.Table,
    batch: Batch,
    report: LoadReport,
) -> None:
    target = f"raw.{raw_table_name(source, table.name)}"
    typed_cols = ", ".join(f"{c.name} {duckdb_type(c)}" for c in table.columns)
    con.execute("begin transaction")
    try:
        con.execute(f"create or replace table {target} ({typed_cols}, {LINEAGE_COLUMNS})")
        clear_source_object(con, source, table.name)
        offset = 0
        for chunk in read_chunks(engine, table):
            rows_in = chunk.num_rows
            loaded, quarantined = _land_chunk(con, target, source, table, batch, chunk, offset)
            report.add(table.name, rows_in, loaded, quarantined)
            offset += rows_in
        report.rows_in.setdefault(table.name, 0)
        report.rows_loaded.setdefault(table.name, 0)
        report.rows_quarantined.setdefault(table.name, 0)
        _quarantine_duplicate_keys(con, target, source, table, batch, report)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _land_chunk(
    con: duckdb.DuckDBPyConnection,
    target: str,
    source: str,
    table: sa.Table,
    batch: Batch,
    chunk: pa.Table,
    offset: int,
) -> tuple[int, int]:
    """Cast one chunk; quarantine rows that fail, insert the rest. Returns (loaded, quarantined)."""
    con.register("_chunk", chunk)
    casts = ", ".join(
        f"try_cast(nullif(trim({c.name}), '') as {duckdb_type(c)}) as {c.name}"
        for c in table.columns
    )
    bad_value = " or ".join(
        f"(nullif(trim({c.name}), '') is not null and "
        f"try_cast(trim({c.name}) as {duckdb_type(c)}) is null)"
        for c in table.columns
    )
    missing_key = " or ".join(
        f"nullif(trim({c.name}), '') is null" for c in table.primary_key.columns
    )
    con.execute(
        f"""
        create or replace temp table _checked as
        select *, {offset} + row_number() over () as _row_number,
            case when {missing_key} then 'MISSING_KEY'
                 when {bad_value} then 'BAD_TYPE' end as _reason
        from _chunk
        """
    )
    con.unregister("_chunk")
    names = ", ".join(c.name for c in table.columns)
    struct_fields = ", ".join(f"{c.name} := {c.name}" for c in table.columns)
    con.execute(
        f"""
        insert into raw.quarantine
        select ?, ?, ?, _row_number, _reason, null,
            to_json(struct_pack({struct_fields}))::varchar,
            ?
        from _checked where _reason is not null
        """,
        [batch.batch_id, source, table.name, batch.ingested_at],
    )
    con.execute(
        f"""
        insert into {target} ({names}, _source, _source_table, _row_number, _batch_id, _ingested_at)
        select {casts}, ?, ?, _row_number, ?, ? from _checked where _reason is null
        """,
        [source, table.name, batch.batch_id, batch.ingested_at],
    )
    quarantined = con.execute("select count(*) from _checked where _reason is not null").fetchone()[
        0
    ]
    return chunk.num_rows - quarantined, quarantined


def _quarantine_duplicate_keys(
    con: duckdb.DuckDBPyConnection,
    target: str,
    source: str,
    table: sa.Table,
    batch: Batch,
    report: LoadReport,
) -> None:
    """Keep one row per primary key (newest updated_at, then last read); quarantine the others."""
    keys = ", ".join(c.name for c in table.primary_key.columns)
    order = (
        "updated_at desc, _row_number desc" if "updated_at" in table.columns else "_row_number desc"
    )
    con.execute(
        f"""
        create or replace temp table _dupes as
        select _row_number from (
            select _row_number, row_number() over (partition by {keys} order by {order}) as rank_
            from {target}
        ) where rank_ > 1
        """
    )
    n = con.execute("select count(*) from _dupes").fetchone()[0]
    if not n:
        return
    cols = ", ".join(f"{c.name} := {c.name}" for c in table.columns)
    con.execute(
        f"""
        insert into raw.quarantine
        select ?, ?, ?, t._row_number, 'DUPLICATE_KEY', 'a newer row with the same key was kept',
            to_json(struct_pack({cols}))::varchar, ?
        from {target} t semi join _dupes d on t._row_number = d._row_number
        """,
        [batch.batch_id, source, table.name, batch.ingested_at],
    )
    con.execute(f"delete from {target} where _row_number in (select _row_number from _dupes)")
    report.rows_loaded[table.name] -= n
    report.rows_quarantined[table.name] += n


def read_frame(url: str, table: sa.Table) -> pd.DataFrame:
    """Whole table as text columns (small reference tables only, e.g. for validation)."""
    engine = sa.create_engine(url)
    try:
        chunks = list(read_chunks(engine, table))
    finally:
        engine.dispose()
    if not chunks:
        return pd.DataFrame(columns=[c.name for c in table.columns])
    return pa.concat_tables(chunks).to_pandas()
