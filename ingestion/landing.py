"""Land the rows of one source table in DuckDB as text, filtered by a watermark.

Two readers give the same rows, every contract column as VARCHAR plus ``_row_number``:

* DuckDB's own scanners (sqlite, postgres, mysql) attach the source database read-only; the
  loader reads ``scanner_select`` straight into its typed check, in bulk inside DuckDB: millions
  of rows a second, no Python per row and no text copy of the table.
* Any other SQLAlchemy dialect is read in chunks of rows turned into Arrow text columns, into
  a temp table ``_landing``.

Reading as text means one malformed value cannot abort a read; the loader casts each value to
its contract type and quarantines the rows that do not convert.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from urllib.parse import quote

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from ingestion.extensions import load_scanner

CHUNK_ROWS = 200_000
ATTACHED = "_src"


def attach_source(con: duckdb.DuckDBPyConnection, url: str) -> bool:
    """Attach the database at ``url`` read-only as ``_src`` with a DuckDB scanner if possible."""
    parsed = sa.make_url(url)
    # A MariaDB server speaks MySQL's protocol: SQLAlchemy's mariadb dialect is read by the
    # mysql scanner.
    dialect = {"mariadb": "mysql"}.get(parsed.get_backend_name(), parsed.get_backend_name())
    if not load_scanner(con, dialect):
        return False
    if dialect == "sqlite":
        con.execute("set sqlite_all_varchar = true")
        target, kind = parsed.database, "sqlite"
    elif dialect == "postgresql":
        target, kind = _libpq(parsed), "postgres"
    else:
        target, kind = _libpq(parsed, mysql=True), "mysql"
    try:
        con.execute(f"attach {sql_literal(target)} as {ATTACHED} (type {kind}, read_only)")
    except duckdb.Error as error:
        # The postgres and mysql scanners quote the whole connection string in their errors.
        raise type(error)(_hide_password(str(error), parsed, kind == "mysql")) from None
    return True


def sqlite_has_blobs(url: str, table: sa.Table) -> bool:
    """True when a SQLite source table holds a BLOB in any column. DuckDB's SQLite scanner reads
    such a value as text without checking it is UTF-8, and a later string function on it may
    fail or never return (found by tests/reliability/test_fuzz_ingestion.py); such a table is
    read through SQLAlchemy instead, which decodes every value. False when the table cannot be
    read (e.g. no such table): the scanner reports it.

    The test reads every row (17 s for a ministry-year's 21.5 million reports on one core), so
    it runs in :data:`CHANGE_SEARCH_PARTS` rowid ranges at once, one read-only connection each
    (SQLite releases the GIL while it steps)."""
    sql = f'select 1 from "{table.name}" where {_blob_test(table)}'
    bounds = _sqlite_first_row(url, f'select min(rowid), max(rowid) from "{table.name}"')
    if not bounds or bounds[0] is None or CHANGE_SEARCH_PARTS < 2:  # no rowid, or no row
        return bool(_sqlite_first_row(url, f"{sql} limit 1"))
    low, high = bounds
    step = (high - low) // CHANGE_SEARCH_PARTS + 1
    parts = [
        f"{sql} and rowid between {start} and {start + step - 1} limit 1"
        for start in range(low, high + 1, step)
    ]
    with ThreadPoolExecutor(len(parts)) as pool:
        return any(bool(found) for found in pool.map(lambda q: _sqlite_first_row(url, q), parts))


def _blob_test(table: sa.Table) -> str:
    """SQLite condition: some column of the row holds a BLOB."""
    return "(" + " or ".join(f"typeof(\"{c.name}\") = 'blob'" for c in table.columns) + ")"


def sql_literal(text: str) -> str:
    """``text`` as a SQL string literal (single quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"


def sqlite_has_rowid(url: str, table: sa.Table) -> bool:
    """True when ``table`` of a SQLite source is an ordinary table with a rowid (not WITHOUT
    ROWID), so its rows can be numbered by rowid."""
    return _sqlite_first_row(url, f'select rowid from "{table.name}" limit 1') is not None


def sqlite_changed_rowids(
    url: str, table: sa.Table, watermark_column: str, since: datetime
) -> list[int] | None:
    """The rowids of the rows of a SQLite source table that a read since ``since`` must take,
    found by SQLite from an index that leads with the watermark column; None when there is no
    such index.

    It leaves out only rows whose change time is a well-formed timestamp text before ``since``
    (cut to the second), so it takes every row the scanner's own filter keeps (and any value
    that does not read as a timestamp, to be quarantined). SQLite answers it from the index
    alone, a tenth of the table's pages: the daily read of a ministry-year's 21.5 million
    reports without it is a scan of 8 GB. Without such an index DuckDB's parallel scan of the
    whole table is faster than SQLite's, so None.

    Every index entry is tested (SQLite does not enforce the column's type, so a malformed time
    may sort anywhere), in :data:`CHANGE_SEARCH_PARTS` ranges of the index searched at once, one
    read-only connection each (SQLite releases the GIL while it steps). None too when more than
    :data:`MAX_CHANGED_ROWIDS` rows changed (a mass update): the caller then scans the table.
    The search and the landing are two reads of the source: a row that changes between them is
    landed by the next read, whose watermark overlap (an hour) goes back past it."""
    indexed = _sqlite_first_row(
        url,
        f"select 1 from pragma_index_list({sql_literal(table.name)}) l "
        f"join pragma_index_info(l.name) i on i.seqno = 0 "
        f"where i.name = {sql_literal(watermark_column)} limit 1",
    )
    if not indexed:
        return None
    mark, cutoff = f'"{watermark_column}"', since.strftime("%Y-%m-%d %H:%M:%S")
    # Digits and separators only, one glob per row chosen by the text's length (19, or 21-26
    # with a fraction): over 21.5 million reports 10.7 s, against 24-28 s for the shape tried
    # with and without a fraction (three globs a row), and more for SQLite's own date check.
    # A text such as 2025-02-30 that has this shape but is no date was quarantined when first
    # read; a later change to another such text is not seen.
    shape = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
    by_length = " ".join(
        f"when {19 + digits + (digits > 0)} then {mark} glob "
        f"'{shape}{'.' if digits else ''}{'[0-9]' * digits}'"
        for digits in range(7)
    )
    taken = (
        f"not (typeof({mark}) = 'text' and {mark} < '{cutoff}' "
        f"and case length({mark}) {by_length} else 0 end)"
    )
    oldest = _sqlite_first_row(
        url, f'select min({mark}) from "{table.name}" where {mark} >= {sql_literal("")}'
    )
    ranges = index_ranges(mark, (oldest or (None,))[0], since, CHANGE_SEARCH_PARTS)
    queries = [f'select rowid from "{table.name}" where {mark} is null'] + [
        f'select rowid from "{table.name}" where {bounds} and {taken}' for bounds in ranges
    ]
    with ThreadPoolExecutor(len(queries)) as pool:
        found = list(pool.map(lambda sql: _sqlite_rowids(url, sql, MAX_CHANGED_ROWIDS), queries))
    if any(rowids is None for rowids in found) or sum(map(len, found)) > MAX_CHANGED_ROWIDS:
        return None  # so many changes that the scanner's parallel scan is the faster read
    return sorted(rowid for rowids in found for rowid in rowids)


CHANGE_SEARCH_PARTS = 2  # ranges of the change-time index searched at once (2 cores here)
MAX_CHANGED_ROWIDS = 1_000_000  # more changed rows than this are read by a scan of the table


def index_ranges(mark: str, oldest: str | None, since: datetime, parts: int) -> list[str]:
    """Conditions on ``mark`` that split every non-NULL value into ``parts`` ranges: between
    the oldest text value (when it reads as a timestamp) and ``since`` in equal spans of time,
    the first range also taking the numbers (which SQLite sorts before any text) and the last
    everything from its bound on (later times, other text, blobs). One range when the oldest
    value is not a timestamp before ``since``."""
    try:
        start = datetime.fromisoformat(oldest[:19]) if oldest else None
    except ValueError:
        start = None
    if start is None or start >= since or parts < 2:
        return [f"{mark} is not null"]
    span = (since - start) / parts
    bounds = [(start + span * i).strftime("%Y-%m-%d %H:%M:%S") for i in range(1, parts)]
    return (
        [f"{mark} < '{bounds[0]}'"]
        + [f"{mark} >= '{lo}' and {mark} < '{hi}'" for lo, hi in itertools.pairwise(bounds)]
        + [f"{mark} >= '{bounds[-1]}'"]
    )


def rowid_condition(rowids: list[int]) -> str:
    """A SQL condition on ``rowid`` that holds for exactly ``rowids`` (sorted): runs of
    consecutive rowids as ``between``, the rest in one list; ``0`` when there are none."""
    runs: list[list[int]] = []
    for rowid in rowids:
        if runs and rowid <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], rowid)
        else:
            runs.append([rowid, rowid])
    parts = [f"rowid between {lo} and {hi}" for lo, hi in runs if hi - lo >= 2]
    single = [str(r) for lo, hi in runs if hi - lo < 2 for r in range(lo, hi + 1)]
    if single:
        parts.append(f"rowid in ({', '.join(single)})")
    return " or ".join(parts) or "0"


def land_sqlite_changes(con: duckdb.DuckDBPyConnection, table: sa.Table, rowids: list[int]) -> bool:
    """Land the rows with these ``rowids`` from the attached source (text, as every attached
    SQLite value) in temp table ``_landing``, with ``_row_number`` = rowid. True when one of
    them holds a BLOB (see :func:`sqlite_has_blobs`): then the caller reads the table through
    SQLAlchemy instead."""
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    native = (
        f'select {names}, rowid as _rowid, {_blob_test(table)} as _blob from "{table.name}" '
        f"where {rowid_condition(rowids)}"
    )
    con.execute(
        "create or replace temp table _landing as "
        "select * exclude (_rowid, _blob), cast(_rowid as bigint) as _row_number, "
        f"_blob = '1' as _blob from sqlite_query('{ATTACHED}', {sql_literal(native)})"
    )
    return con.execute("select count(*) from _landing where _blob").fetchone()[0] > 0


def sqlite_unloaded_rowids(
    con: duckdb.DuckDBPyConnection, table: sa.Table, loaded: str
) -> list[int] | None:
    """The rowids of the attached SQLite table that table ``loaded`` holds no ``_row_number``
    of, sorted; None when there are more than :data:`MAX_CHANGED_ROWIDS`. SQLite lists the
    rowids from its smallest covering index, without reading the rows."""
    native = f'select rowid as r from "{table.name}"'
    found = con.execute(
        f"""
        select r from (
            select cast(r as bigint) as r from sqlite_query('{ATTACHED}', {sql_literal(native)})
        )
        where r not in (select _row_number from {loaded})
        order by r
        limit {MAX_CHANGED_ROWIDS + 1}
        """
    ).fetchall()
    return None if len(found) > MAX_CHANGED_ROWIDS else [r for (r,) in found]


def _sqlite_rowids(url: str, sql: str, limit: int) -> list[int] | None:
    """The first column of every row of ``sql`` on the SQLite database at ``url`` (opened
    read-only), or None as soon as there are more than ``limit``."""
    source = sqlite3.connect(f"file:{quote(sa.make_url(url).database)}?mode=ro", uri=True)
    try:
        cursor, rowids = source.execute(sql), []
        while batch := cursor.fetchmany(10_000):
            rowids.extend(row[0] for row in batch)
            if len(rowids) > limit:
                return None
        return rowids
    finally:
        source.close()


def _sqlite_first_row(url: str, sql: str) -> tuple | None:
    """The first row of ``sql`` on the SQLite database at ``url`` opened read-only: ``()`` when
    the query runs and returns nothing, None when ``url`` is not a SQLite file or the query
    fails."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    source = sqlite3.connect(f"file:{quote(parsed.database)}?mode=ro", uri=True)
    try:
        return source.execute(sql).fetchone() or ()
    except sqlite3.Error:
        return None
    finally:
        source.close()


def detach_source(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"detach database if exists {ATTACHED}")


def _libpq(url: sa.URL, mysql: bool = False) -> str:
    """The scanner's ``key=value`` connection string for ``url``, each value quoted so that a
    password with a space, a quote or a backslash reaches the server as written."""
    parts = {
        "host": url.host or "127.0.0.1",
        "port": url.port,
        "user": url.username,
        "password": url.password,
        ("database" if mysql else "dbname"): url.database,
    }
    return " ".join(f"{k}={_dsn_value(v, mysql)}" for k, v in parts.items() if v not in (None, ""))


def _dsn_value(value: object, mysql: bool) -> str:
    """``value`` quoted as libpq reads it ('…', backslash before ' and \\) or as DuckDB's mysql
    scanner does ("…", backslash before " and \\)."""
    quote = '"' if mysql else "'"
    escaped = str(value).replace("\\", "\\\\").replace(quote, "\\" + quote)
    return f"{quote}{escaped}{quote}"


def _hide_password(message: str, url: sa.URL, mysql: bool) -> str:
    """``message`` with the ``password=…`` part of the connection string of ``url`` as ***."""
    if not url.password:
        return message
    return message.replace(f"password={_dsn_value(url.password, mysql)}", "password=***")


def scanner_select(
    table: sa.Table,
    watermark_column: str | None,
    since: datetime | None,
    by_rowid: bool = False,
    source: str | None = None,
) -> tuple[str, list]:
    """The query reading the table's rows changed since ``since`` (all when None) as text from
    the attached source (or the text rows of ``source``, e.g. ``_landing``, which carry their row
    numbers), with their row numbers, and its parameters."""
    columns = ", ".join(f"cast({c.name} as varchar) as {c.name}" for c in table.columns)
    order = ", ".join(c.name for c in table.primary_key.columns)
    where = ""
    params: list = []
    if watermark_column and since is not None:
        where = (
            f"where try_cast(cast({watermark_column} as varchar) as timestamp) >= ? "
            f"or try_cast(cast({watermark_column} as varchar) as timestamp) is null"
        )
        params = [since]
    # A SQLite row's number is its rowid: stable, and read without sorting the table (sorting
    # 20 million text keys was a third of a ministry-year's landing). PostgreSQL and MariaDB
    # rows (and a SQLite WITHOUT ROWID table) have no such number; theirs is the position in
    # primary-key order.
    number = "rowid" if by_rowid else f"row_number() over (order by {order})"
    if source is not None:
        number = "_row_number"
    source = source or f"{ATTACHED}.{table.name}"
    sql = f"select {columns}, {number} as _row_number from {source} {where}"
    return sql, params


def land_with_sqlalchemy(
    con: duckdb.DuckDBPyConnection,
    url: str,
    table: sa.Table,
    watermark_column: str | None,
    since: datetime | None,
) -> None:
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        # SQLite may hold TEXT that is not UTF-8; decode it like device files, never fail.
        sa.event.listen(engine, "connect", _lenient_sqlite_text)
    try:
        first = True
        offset = 0
        for chunk in read_chunks(engine, table, watermark_column, since):
            con.register("_chunk", chunk)
            verb = "create or replace temp table _landing as" if first else "insert into _landing"
            con.execute(
                f"{verb} select *, {offset} + row_number() over () as _row_number from _chunk"
            )
            con.unregister("_chunk")
            first, offset = False, offset + chunk.num_rows
        if first:
            columns = ", ".join(f"cast(null as varchar) as {c.name}" for c in table.columns)
            con.execute(
                f"create or replace temp table _landing as "
                f"select {columns}, cast(null as bigint) as _row_number where false"
            )
    finally:
        engine.dispose()


def read_chunks(
    engine: sa.Engine,
    table: sa.Table,
    watermark_column: str | None = None,
    since: datetime | None = None,
) -> Iterator[pa.Table]:
    """The table's rows as all-text Arrow tables, ordered by primary key, without SQLAlchemy's
    type processing (so one malformed value cannot abort the read)."""
    columns = [sa.column(c.name) for c in table.columns]
    order = [sa.column(c.name) for c in table.primary_key.columns]
    query = sa.select(*columns).select_from(sa.table(table.name)).order_by(*order)
    if watermark_column and since is not None:
        mark = sa.column(watermark_column)
        query = query.where(sa.or_(mark >= since, mark.is_(None)))
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(query)
        while rows := result.fetchmany(CHUNK_ROWS):
            names = [c.name for c in table.columns]
            arrays = [_text_array([row[i] for row in rows]) for i in range(len(names))]
            yield pa.table(dict(zip(names, arrays, strict=True)))


def _lenient_sqlite_text(dbapi_connection, _record) -> None:
    dbapi_connection.text_factory = decode_text


def decode_text(value: bytes) -> str:
    """Bytes as text: UTF-8 when they are, else Latin-1 (every byte is a Latin-1 character)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _as_text(value: object) -> str:
    return decode_text(value) if isinstance(value, bytes | bytearray | memoryview) else str(value)


def _text_array(values: list) -> pa.Array:
    """Text form of one column: Arrow's own cast when the values share a type, str() otherwise."""
    try:
        typed = pa.array(values)
        if pa.types.is_boolean(typed.type):
            return pc.if_else(typed, "true", "false")
        if pa.types.is_timestamp(typed.type):
            return pc.strftime(typed, format="%Y-%m-%d %H:%M:%S")
        return pc.cast(typed, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else _as_text(v) for v in values], type=pa.string())
