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

from datetime import datetime, timedelta

import duckdb
import sqlalchemy as sa

from eperf.config import Settings
from eperf.transaction import transaction
from ingestion import landing, retry, row_contract, watermarks
from ingestion.batch import Batch, LoadReport, record_batch
from ingestion.contract import DATABASE_SOURCES, duckdb_type, raw_table_name
from ingestion.limits import bound_memory
from ingestion.quarantine import ensure_quarantine, insert_new

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
WATERMARK_CANDIDATES = ("updated_at", "rated_at")
DUPLICATE_KEY = "DUPLICATE_KEY"
KEPT_NEWER = "a newer row with the same key was kept"


def watermark_column(table: sa.Table) -> str | None:
    """The change timestamp of a table (``updated_at``; ``rated_at`` for ratings), if any."""
    return next((c for c in WATERMARK_CANDIDATES if c in table.columns), None)


def load_database(
    con: duckdb.DuckDBPyConnection,
    url: str,
    source: str,
    metadata: sa.MetaData,
    batch: Batch,
    overlap: timedelta | None = None,
    tables: set[str] | None = None,
    settings: Settings | None = None,
) -> LoadReport:
    """Load the changes of every contract table of one source database into ``raw`` (only
    ``tables``, by name, when given).

    Raises :class:`ingestion.retry.SourceUnavailable` (naming the source) when the database does
    not answer after the configured retries; nothing is written then."""
    settings = settings or Settings.from_env()
    if overlap is None:
        # Rows committed late by the operational app can carry an updated_at a little before
        # the last watermark; re-reading this window (EPERF_INGEST_OVERLAP_MINUTES, and skipping
        # unchanged rows by hash) loses none of them.
        overlap = timedelta(minutes=settings.ingest_overlap_minutes)
    retry.check_database(url, source, retry.Backoff.from_env(settings))
    bound_memory(con, settings)
    ensure_quarantine(con)
    report = LoadReport(source=source, batch_id=batch.batch_id)
    wanted = [t for t in load_order(metadata) if tables is None or t.name in tables]
    present = _check_structure(url, source, wanted)
    _prepare_raw_tables(con, source, wanted)
    scanner = landing.attach_source(con, url)
    try:
        for table in wanted:
            if table.name not in present:  # an optional table the source does not have
                report.add(table.name, 0, 0, 0)
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
    record_batch(con, report, batch)
    return report


class SourceBroken(RuntimeError):
    """A source table or column the contract names is missing: the source is broken as a whole
    (not one bad row), so nothing built from it may be published."""


def load_order(metadata: sa.MetaData) -> list[sa.Table]:
    """The tables in an order where each is loaded after the tables its rows must name (the
    row contract's references), so a new employee and their first report can arrive together."""
    ordered: list[sa.Table] = []

    def visit(table: sa.Table) -> None:
        if table in ordered:
            return
        source = next(s for s, m in DATABASE_SOURCES.items() if m is metadata)
        for name in row_contract.contract_for(source, table).references:
            ref_source, ref_table = name.split("__", 1)
            if ref_source == source:
                visit(metadata.tables[ref_table])
        ordered.append(table)

    for table in metadata.sorted_tables:
        visit(table)
    return ordered


def _check_structure(url: str, source: str, tables: list[sa.Table]) -> set[str]:
    """The names of ``tables`` the source holds. Raises :class:`SourceBroken` naming what is
    missing when a required table, or any contract column of a table, is absent; an optional
    table (``info['optional']``, e.g. device enrolment) may be absent."""
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        names = set(inspector.get_table_names())
        problems, present = [], set()
        for table in tables:
            if table.name not in names:
                if not table.info.get("optional"):
                    problems.append(f"no table {table.name}")
                continue
            present.add(table.name)
            found = {c["name"].lower() for c in inspector.get_columns(table.name)}
            missing = [c.name for c in table.columns if c.name.lower() not in found]
            if missing:
                problems.append(f"table {table.name} lacks column(s) {', '.join(missing)}")
    finally:
        engine.dispose()
    if problems:
        raise SourceBroken(
            f"source {source} is broken: {'; '.join(problems)} (SOURCES.md contract); "
            "nothing is published until the source holds them"
        )
    return present


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
        high = watermarks.get(con, source, table.name) if mark else None
        since = high - overlap if high is not None else None
        rowids, by_rowid = None, False
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
        if by_rowid and _loads_directly(con, source, table, target):
            rows_in, loaded = _load_first(
                con, source, table, target, rows, params, batch, mark, since
            )
            quarantined = _quarantine_rejects(con, source, table, batch)
            accepted = target
        else:
            _check_rows(con, source, table, target, rows, params)
            rows_in = con.execute("select count(*) from _checked").fetchone()[0]
            quarantined = _quarantine_rejects(con, source, table, batch)
            loaded = _merge(con, target, source, table, batch)
            _resolve_quarantined(con, source, table, batch)
            accepted = "_checked where _reason is null"
        con.execute("drop table if exists _landing")
        report.add(table.name, rows_in, rows_in - quarantined, quarantined)
        report.rows_changed[table.name] = loaded
        if mark:
            newest = con.execute(f"select max({mark}) from {accepted}").fetchone()[0]
            watermarks.advance(
                con, source, table.name, mark, newest, batch.batch_id, batch.ingested_at
            )


def is_empty(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when ``table`` holds no row (read without counting them)."""
    return not con.execute(f"select count(*) from (select 1 from {table} limit 1)").fetchone()[0]


def create_missing_raw_table(con: duckdb.DuckDBPyConnection, table: sa.Table) -> None:
    """Create the (empty) raw table of a contract table that no load has made yet, for a reader
    that checks against it; an existing table is left as it is (its own load reshapes it)."""
    source = next(s for s, m in DATABASE_SOURCES.items() if m is table.metadata)
    schema, name = "raw", raw_table_name(source, table.name)
    exists = con.execute(
        # duckdb_tables() of the warehouse alone: information_schema also lists the attached
        # source's tables, a third of a second a call through the SQLite scanner
        "select count(*) from duckdb_tables() where database_name = current_database() "
        "and schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchone()[0]
    if not exists:
        _ensure_raw_table(con, f"{schema}.{name}", table)


def _ensure_raw_table(con: duckdb.DuckDBPyConnection, target: str, table: sa.Table) -> bool:
    """Create the raw table if missing or if its columns changed; True when (re)created."""
    expected = [(c.name, duckdb_type(c)) for c in table.columns] + list(LINEAGE_COLUMNS.items())
    schema, name = target.split(".")
    found = con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = current_database() and schema_name = ? and table_name = ? "
        "order by column_index",
        [schema, name],
    ).fetchall()
    if [(n, t.upper()) for n, t in found] == [(n, t.upper()) for n, t in expected]:
        return False
    columns = ", ".join(f"{n} {t}" for n, t in expected)
    con.execute(f"create or replace table {target} ({columns})")
    return True


def _check_rows(
    con: duckdb.DuckDBPyConnection,
    source: str,
    table: sa.Table,
    target: str,
    rows: str,
    params: list,
) -> None:
    """Typed copy ``_checked`` of the text rows of query ``rows``, with the first reason (if
    any) each row is rejected for, its detail in words and, for a rejected row, its text as read
    (``_raw_text``).

    One pass casts, checks the row contract (ingestion/row_contract.py) and keeps the text of
    rejects only: a ministry-year's table is never held twice. Rows quarantined earlier for a
    reference that may since have arrived are read again from the quarantine (negative row
    numbers). A key read twice keeps its newest version; only keys seen more than once are
    ranked (a window over every row sorted 20 million keys to find a handful)."""
    contract = row_contract.contract_for(source, table)
    rows = _with_retried(con, source, table, contract, rows)
    _create_checked(con, source, table, rows, params)
    late = _reject_self_references(con, contract, target) + _reject_duplicate_keys(con, table)
    # A retried row whose key the source gave again is that newer version's to decide: it is
    # neither counted nor quarantined again.
    con.execute(f"delete from _checked where _row_number < 0 and _reason = '{DUPLICATE_KEY}'")
    if late:
        _read_text_again(con, table, rows, params)


def _read_text_again(con: duckdb.DuckDBPyConnection, table: sa.Table, rows: str, params: list):
    """Rows of ``_checked`` rejected after the pass keep their text as read: read those few rows
    again from query ``rows``."""
    con.execute(
        f"""
        update _checked c set _raw_text = d.raw_text
        from (
            select src._row_number, to_json(struct_pack({_raw_columns(table)}))::varchar
                as raw_text
            from ({rows}) src
            where src._row_number in (
                select _row_number from _checked
                where _reason is not null and _raw_text is null)
        ) d
        where c._row_number = d._row_number
        """,
        params,
    )


def _create_checked(
    con: duckdb.DuckDBPyConnection,
    source: str,
    table: sa.Table,
    rows: str,
    params: list,
    leave_out: str | None = None,
) -> None:
    """Temp table ``_checked``: the checked rows of query ``rows`` (see :func:`_checked_select`),
    with the text as read of the rejected ones only; without the row numbers ``leave_out``
    lists."""
    where = f"where _row_number not in ({leave_out})" if leave_out else ""
    con.execute(
        f"""
        create or replace temp table _checked as
        select * exclude (_raw), case when _reason is not null then to_json(_raw)::varchar end
            as _raw_text
        from ({_checked_select(source, table, rows)})
        {where}
        """,
        params,
    )


def _loads_directly(
    con: duckdb.DuckDBPyConnection, source: str, table: sa.Table, target: str
) -> bool:
    """True when the table's rows can go straight from the source into its raw table
    (:func:`_load_first`): the raw table is empty, no row of the table waits in the quarantine
    (none to retry or resolve) and no row names another row of its own table (a unit's parent,
    checked against the rows accepted with it). The caller also needs row numbers that a second
    read of the source gives again (SQLite's rowid)."""
    if row_contract.contract_for(source, table).self_references:
        return False
    if not is_empty(con, target):
        return False
    return not con.execute(
        "select count(*) from raw.quarantine where source = ? and source_object = ? "
        "and resolved_at is null",
        [source, table.name],
    ).fetchone()[0]


def _load_first(
    con: duckdb.DuckDBPyConnection,
    source: str,
    table: sa.Table,
    target: str,
    rows: str,
    params: list,
    batch: Batch,
    mark: str | None,
    since: datetime | None,
) -> tuple[int, int]:
    """A first load: the accepted rows go from the source into the empty raw table with their
    row hash in one pass, and ``_checked`` holds the rejected rows only; (rows read, rows
    loaded).

    A ministry-year's 21.5 million reports were cast into a typed copy, which spilled out of the
    memory limit, and then copied again into raw. Here the source is read twice instead: once
    into raw (the rows the contract accepts), then the rows of every rowid the first read did not
    load. A row the source changed or added between the two reads is thus either loaded or
    rejected, never lost and never both. ``rows`` is the scanner's read of the SQLite table by
    rowid, filtered by ``mark`` >= ``since`` when given. A key read twice keeps its newest
    version, as in :func:`_check_rows`: the others leave raw as ``DUPLICATE_KEY``."""
    checked = f"({_checked_select(source, table, rows)})"
    names = ", ".join(c.name for c in table.columns)
    lineage = [source, table.name, batch.batch_id, batch.ingested_at]
    loaded = con.execute(
        f"insert into {target} {_accepted_rows(table, checked)}", lineage + params
    ).fetchone()[0]
    # The second read takes only the rows the first did not load: SQLite lists every rowid
    # from an index (4 s for a ministry-year's 21.5 million reports, against 37 s to read and
    # check them all again), and the rows of those rowids are landed and checked.
    unread = landing.sqlite_unloaded_rowids(con, table, target)
    if unread is not None and not landing.land_sqlite_changes(con, table, unread):
        again, again_params = landing.scanner_select(table, mark, since, source="_landing")
    else:  # so many rows (or a BLOB among them) that reading the table again is the way
        again, again_params = f"select * from ({rows}) src", params
    _create_checked(con, source, table, again, again_params, f"select _row_number from {target}")
    con.execute("drop table if exists _landing")
    # rows accepted only by the second read (changed or added in between)
    loaded += con.execute(
        f"insert into {target} {_accepted_rows(table, '_checked')}", lineage
    ).fetchone()[0]
    con.execute("delete from _checked where _reason is null")
    rows_in = loaded + con.execute("select count(*) from _checked").fetchone()[0]
    duplicates = con.execute(
        f"""
        insert into _checked by name
        select {names}, _row_number, '{DUPLICATE_KEY}' as _reason,
            '{KEPT_NEWER}' as _detail
        from {target}
        where _row_number in ({_older_versions(table, target)})
        """
    ).fetchone()[0]
    if duplicates:
        con.execute(
            f"delete from {target} where _row_number in "
            f"(select _row_number from _checked where _reason = '{DUPLICATE_KEY}')"
        )
        _read_text_again(con, table, rows, params)
    return rows_in, loaded - duplicates


def _checked_select(source: str, table: sa.Table, rows: str) -> str:
    """SQL over the text rows of query ``rows``: every contract column cast to its type, the row
    number, the first reason (if any) the row is rejected for with its detail in words, and the
    row's text as read (``_raw``, a struct, to be kept for rejects only)."""
    contract = row_contract.contract_for(source, table)
    casts = ", ".join(
        f"try_cast(nullif(trim(src.{c.name}), '') as {duckdb_type(c)}) as {c.name}, "
        f"nullif(trim(src.{c.name}), '') is not null as {c.name}__given"
        for c in table.columns
    )
    raw = _raw_columns(table)
    given = ", ".join(f"{c.name}__given" for c in table.columns)
    not_converted = [f"({c.name}__given and {c.name} is null)" for c in table.columns]
    missing_key = " or ".join(f"not {c.name}__given" for c in table.primary_key.columns)
    required = row_contract.required_columns(table)
    rules = [
        (
            "MISSING_KEY",
            missing_key,
            _named_columns(
                [(f"not {c.name}__given", c.name) for c in table.primary_key.columns], "empty"
            ),
        ),
        (
            "BAD_TYPE",
            " or ".join(not_converted),
            _named_columns(
                [(cond, c.name) for cond, c in zip(not_converted, table.columns, strict=True)],
                "does not convert to its contract type",
            ),
        ),
    ]
    if required:
        rules.append(
            (
                "MISSING_VALUE",
                " or ".join(f"{c} is null" for c in required),
                _named_columns([(f"{c} is null", c) for c in required], "empty"),
            )
        )
    rules += [
        (check.reason, f"coalesce({check.bad}, false)", check.detail) for check in contract.checks
    ]
    reason = " ".join(f"when {cond} then '{name}'" for name, cond, _ in rules)
    detail = " ".join(f"when {cond} then {words}" for _, cond, words in rules)
    return f"""
        select * exclude ({given}), case {reason} end as _reason, case {detail} end as _detail
        from (
            select {casts}, src._row_number, struct_pack({raw}) as _raw from ({rows}) src
        ) _row
    """


def _raw_columns(table: sa.Table) -> str:
    """``struct_pack`` arguments of a row's text as read (from ``src``)."""
    return ", ".join(f"{c.name} := src.{c.name}" for c in table.columns)


def _named_columns(conditions: list[tuple[str, str]], words: str) -> str:
    """SQL naming the columns whose condition holds, e.g. ``'activity_date does not …'``."""
    names = ", ".join(f"case when {cond} then '{name}' end" for cond, name in conditions)
    return f"concat_ws(', ', {names}) || ' {words}'"


def _prepare_raw_tables(con: duckdb.DuckDBPyConnection, source: str, tables: list[sa.Table]):
    """Before the source is attached: the raw table of each of ``tables`` (made anew, with its
    watermark forgotten, when its columns changed) and (empty) any raw table their checks read
    that no load has made yet, so a reference to it is unknown rather than an error. With a
    source attached, each catalogue lookup also lists the source's tables (a third of a second
    a lookup through the SQLite scanner)."""
    with transaction(con):
        for table in tables:
            if _ensure_raw_table(con, f"raw.{raw_table_name(source, table.name)}", table):
                watermarks.reset(con, source, table.name)
            _ensure_referenced(con, row_contract.contract_for(source, table))


def _ensure_referenced(con: duckdb.DuckDBPyConnection, contract: row_contract.TableContract):
    """Create (empty) any raw table the checks read that no load has made yet, so a reference
    to it is unknown rather than an error."""
    for name in contract.references:
        source, table_name = name.split("__", 1)
        create_missing_raw_table(con, DATABASE_SOURCES[source].tables[table_name])


def _with_retried(
    con: duckdb.DuckDBPyConnection,
    source: str,
    table: sa.Table,
    contract: row_contract.TableContract,
    rows: str,
) -> str:
    """``rows`` plus the rows quarantined for a reason another table can cure
    (UNKNOWN_REFERENCE) when a table they reference has been loaded since: their text is read
    back from the quarantine, numbered below zero so a row read from the source wins a tie."""
    if not contract.references:
        return rows
    newest = " union all ".join(
        f"select max(_ingested_at) as t from raw.{name}" for name in contract.references
    )
    reasons = ", ".join(f"'{r}'" for r in row_contract.RETRIED_REASONS)
    con.execute(
        f"""
        create or replace temp table _retried as
        select {
            ", ".join(
                f"json_extract_string(q.raw_text, '$.{c.name}') as {c.name}" for c in table.columns
            )
        },
            -row_number() over (order by q.ingested_at, q.row_number) as _row_number
        from raw.quarantine q
        where q.source = ? and q.source_object = ? and q.reason in ({reasons})
          and q.resolved_at is null and q.ingested_at < (select max(t) from ({newest}))
        """,
        [source, table.name],
    )
    if not con.execute("select count(*) from _retried").fetchone()[0]:
        return rows
    return f"select * from ({rows}) union all by name select * from _retried"


def _reject_self_references(
    con: duckdb.DuckDBPyConnection, contract: row_contract.TableContract, target: str
) -> int:
    """Reject rows naming a row of their own table (a unit's parent) that is neither stored nor
    accepted in this batch; repeated, since rejecting a parent orphans its children."""
    rejected = 0
    for column, key in contract.self_references:
        while True:
            changed = con.execute(
                f"""
                update _checked set _reason = '{row_contract.UNKNOWN_REFERENCE}',
                    _detail = '{column} ' || {column} || ' names no accepted {key}'
                where _reason is null and {column} is not null
                  and {column} not in (select {key} from _checked where _reason is null)
                  and {column} not in (select {key} from {target})
                """
            ).fetchone()[0]
            rejected += changed
            if not changed:
                break
    return rejected


def _reject_duplicate_keys(con: duckdb.DuckDBPyConnection, table: sa.Table) -> int:
    """Reject all but the newest version (``updated_at``, then last read) of a key read twice."""
    accepted = "(select * from _checked where _reason is null)"
    return con.execute(
        f"""
        update _checked set _reason = '{DUPLICATE_KEY}', _detail = '{KEPT_NEWER}'
        where _row_number in ({_older_versions(table, accepted)})
        """
    ).fetchone()[0]


def _older_versions(table: sa.Table, rows: str) -> str:
    """SQL listing the ``_row_number`` of every row of relation ``rows`` whose key another of
    its rows holds in a newer version (``updated_at``, then the one read last). Only keys seen
    more than once are ranked: a window over every row sorted 20 million keys to find a
    handful."""
    keys = ", ".join(c.name for c in table.primary_key.columns)
    order = "updated_at desc nulls last, " if "updated_at" in table.columns else ""
    return f"""
        select _row_number from (
            select _row_number, row_number() over (
                partition by {keys} order by {order}_row_number desc) as _rank
            from {rows} semi join (
                select {keys} from {rows} group by {keys} having count(*) > 1
            ) using ({keys})
        )
        where _rank > 1
    """


def _quarantine_rejects(
    con: duckdb.DuckDBPyConnection, source: str, table: sa.Table, batch: Batch
) -> int:
    """Quarantine the batch's rejected rows (each once: a row read again in the overlap or
    retried with the same text and reason is not added twice), with the key and the scope of
    employee-months they may have changed; returns how many rows the batch rejected."""
    scope = row_contract.contract_for(source, table).scope
    kind, value, first, last = (
        (f"'{scope.kind}'", f"cast({scope.value} as varchar)", scope.first, scope.last)
        if scope
        else ("null", "null", "null", "null")
    )
    con.execute(
        f"""
        create or replace temp table _rejects as
        select _row_number as row_number, _reason as reason, _detail as detail,
            _raw_text as raw_text, {_row_key(table)} as row_key,
            case when {value} is not null then {kind} end as scope_kind,
            {value} as scope_value, cast({first} as date) as first_date,
            cast({last} as date) as last_date
        from _checked
        where _reason is not null
        """
    )
    count = con.execute("select count(*) from _rejects").fetchone()[0]
    if count:
        insert_new(con, "_rejects", source, table.name, batch)
    return count


def _row_key(table: sa.Table) -> str:
    """SQL giving a row's primary key as JSON text: how the quarantine finds a row again."""
    keys = ", ".join(f"{c.name} := cast({c.name} as varchar)" for c in table.primary_key.columns)
    return f"to_json(struct_pack({keys}))::varchar"


def _resolve_quarantined(
    con: duckdb.DuckDBPyConnection, source: str, table: sa.Table, batch: Batch
) -> None:
    """Rows of the quarantine whose key this batch read again leave it: ``LOADED`` when the row
    was accepted (fixed at the source, or its reference arrived), ``SUPERSEDED`` when a newer
    version was quarantined for another reason or text. A row that had no key leaves it when
    the batch accepts a row with its very content (every column but the key and the change
    time): the same row, given its key."""
    _resolve_keyless(con, source, table, batch)
    active = con.execute(
        "select count(*) from raw.quarantine where source = ? and source_object = ? "
        "and resolved_at is null and row_key is not null",
        [source, table.name],
    ).fetchone()[0]
    if not active:
        return
    con.execute(
        f"""
        update raw.quarantine q set resolved_at = $at, resolved_batch_id = $batch,
            resolution = case when b.accepted then 'LOADED' else 'SUPERSEDED' end
        from (
            select {_row_key(table)} as row_key, bool_or(_reason is null) as accepted,
                list(_raw_text) filter (where _reason is not null) as texts
            from _checked
            where {_row_key(table)} in (
                select row_key from raw.quarantine
                where source = $source and source_object = $object and resolved_at is null)
              and (_reason is null or _reason <> '{DUPLICATE_KEY}')
            group by all
        ) b
        where q.source = $source and q.source_object = $object and q.resolved_at is null
          and q.row_key = b.row_key
          and (b.accepted or not coalesce(list_contains(b.texts, q.raw_text), false))
        """,
        {"at": batch.ingested_at, "batch": batch.batch_id, "source": source, "object": table.name},
    )


def _resolve_keyless(
    con: duckdb.DuckDBPyConnection, source: str, table: sa.Table, batch: Batch
) -> None:
    held = con.execute(
        "select count(*) from raw.quarantine where source = ? and source_object = ? "
        "and resolved_at is null and reason = 'MISSING_KEY'",
        [source, table.name],
    ).fetchone()[0]
    if not held:
        return
    mark = watermark_column(table)
    content = [c for c in table.columns if not c.primary_key and c.name != mark]
    # both sides as the accepted row's typed values written as text
    held_row = ", ".join(
        f"{c.name} := cast(try_cast(nullif(trim(json_extract_string(q.raw_text, '$.{c.name}')),"
        f" '') as {duckdb_type(c)}) as varchar)"
        for c in content
    )
    accepted = ", ".join(f"{c.name} := cast(c.{c.name} as varchar)" for c in content)
    con.execute(
        f"""
        update raw.quarantine q set resolved_at = $at, resolved_batch_id = $batch,
            resolution = 'LOADED'
        where q.source = $source and q.source_object = $object and q.resolved_at is null
          and q.reason = 'MISSING_KEY'
          and to_json(struct_pack({held_row}))::varchar in (
              select to_json(struct_pack({accepted}))::varchar from _checked c
              where c._reason is null)
        """,
        {"at": batch.ingested_at, "batch": batch.batch_id, "source": source, "object": table.name},
    )


def _accepted_rows(table: sa.Table, checked: str) -> str:
    """The accepted rows of relation ``checked`` (``_checked`` or its query) as rows of the raw
    table: the contract columns, the lineage (four parameters: source, table, batch id,
    ingested at), the row number and the content hash a later merge compares, one definition
    for the first load and the merge."""
    names = ", ".join(c.name for c in table.columns)
    content = ", ".join(f"{c.name} := {c.name}" for c in table.columns)
    return f"""
        select {names}, ? as _source, ? as _source_table, _row_number,
            ? as _batch_id, ? as _ingested_at, hash(struct_pack({content})) as _row_hash
        from {checked} where _reason is null
    """


def _merge(
    con: duckdb.DuckDBPyConnection, target: str, source: str, table: sa.Table, batch: Batch
) -> int:
    """Upsert the accepted rows by key; unchanged rows (same hash) are skipped. Returns changes.
    Into an empty table (a first load) the rows go straight in, without a copy to compare."""
    keys = [c.name for c in table.primary_key.columns]
    match = " and ".join(f"r.{k} = c.{k}" for k in keys)
    accepted = _accepted_rows(table, "_checked")
    lineage = [source, table.name, batch.batch_id, batch.ingested_at]
    if is_empty(con, target):
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
