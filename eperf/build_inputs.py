"""What a dbt build reads, as digests: a window whose inputs and code are those of its last build,
already published, is not built again.

A build reads the dbt sources (the raw tables) and the ledger of paid periods; its code is the dbt
project's files, the rule set and the versions of dbt and DuckDB. After each successful build of
the whole project, ``quality.dbt_builds`` records its window with both digests. A later run of a
window skips dbt when

- the latest recorded build whose window covers it (a build of every period covers any window)
  has the same two digests: every table the models read is as it was then, and a build of
  another window since, from the same inputs and code, wrote the same rows where the two meet
  (the models are deterministic; a build of other inputs is a later one with other digests); and
- the serving release in place was published after the latest build of any window, so what was
  built is what readers see.

Anything else builds; ``EPERF_REBUILD_UNCHANGED=1`` always builds. A raw table's digest is its
row count and newest ``_ingested_at``: every loader stamps the rows it writes and removes rows
only by deleting them (the data-quality checks rely on the same, data_quality/validate.py), so a
write of rows moves the newest stamp and a deletion alone lowers the count. A table without that
column (the quarantine, whose rows are resolved in place, and the ledger) is digested from the
hash of every row.

A build that does run rebuilds only the days whose inputs changed in the models partitioned by
day (kind 'day', dbt_project/macros/portable.sql), when it can tell which. A source whose rows
belong to a date names it in its meta: ``day_column``, with ``day_margin`` (the days either side
a row's change may reach) and ``day_observes`` (its newest date bounds the days observed). Each
build records every table's digest and, per such source, a digest of each day of its window.
The next build of those months compares with the latest recorded build covering them (same
code): when every changed table that a day-partitioned model reads is such a source, the
changed days (with their margin, and the days between the newest date then and now, which a new
day of exports marks observed) are the days rebuilt, given to dbt as ``EPERF_DAYS``. The
months' other models are rebuilt whole, as before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path

import duckdb

from eperf import periods, serving
from eperf.periods import Window

BUILDS_DDL = """
create schema if not exists quality;
create table if not exists quality.dbt_builds (
    window_from varchar, window_to varchar, inputs varchar, code varchar, run_id varchar,
    built_at timestamp
);
alter table quality.dbt_builds add column if not exists sources varchar;
alter table quality.dbt_builds add column if not exists days varchar;
alter table quality.dbt_builds add column if not exists rebuilt_days varchar
"""
# What the SQL of a build depends on besides the tables it reads.
PROJECT_PARTS = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")
VERSIONS = ("dbt-core", "dbt-duckdb", "duckdb")


@dataclass(frozen=True)
class Digests:
    """What a build reads (``inputs``: every table together; ``sources``: each table's digest;
    ``days``: per day-keyed source, each day's digest in the window) and its ``code``."""

    inputs: str
    code: str
    sources: dict[str, str] = field(default_factory=dict)
    days: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DayKeyed:
    """A source whose rows each belong to the date of ``column``; a changed row changes the
    day-partitioned models on that date and ``margin`` days either side. ``observes``: its
    newest date bounds the days observed (the device exports), so the days between its newest
    date then and now change too."""

    column: str
    margin: int = 0
    observes: bool = False


@dataclass(frozen=True)
class Build:
    """A recorded build: its run and when it finished."""

    run_id: str
    built_at: datetime


def source_tables(manifest: dict) -> list[str]:
    """``schema.table`` of every dbt source of the manifest."""
    return sorted({_table(s) for s in manifest["sources"].values()})


def _table(source: dict) -> str:
    return f"{source['schema']}.{source['identifier']}"


def day_keyed_sources(manifest: dict) -> dict[str, DayKeyed]:
    """The sources whose meta names a ``day_column``, by ``schema.table``."""
    found = {}
    for source in manifest["sources"].values():
        meta = source.get("config", {}).get("meta") or source.get("meta") or {}
        if meta.get("day_column"):
            found[_table(source)] = DayKeyed(
                meta["day_column"], int(meta.get("day_margin", 0)), bool(meta.get("day_observes"))
            )
    return found


def day_model_inputs(manifest: dict) -> set[str]:
    """``schema.table`` of every source that a model partitioned by day reads, directly or
    through other models."""
    nodes, sources = manifest["nodes"], manifest["sources"]
    pending = [
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "model" and node["config"].get("window_kind") == "day"
    ]
    seen, found = set(pending), set()
    while pending:
        for parent in nodes[pending.pop()].get("depends_on", {}).get("nodes", []):
            if parent in sources:
                found.add(_table(sources[parent]))
            elif parent in nodes and parent not in seen:
                seen.add(parent)
                pending.append(parent)
    return found


def build_digests(
    con: duckdb.DuckDBPyConnection,
    manifest: dict,
    project_dir: Path,
    rule_set: str,
    window: Window | None,
) -> Digests:
    """The digests of what a build of ``window`` reads and of its code."""
    sources = table_digests(con, source_tables(manifest))
    keyed = {t: k for t, k in day_keyed_sources(manifest).items() if t in sources}
    stamped = _stamped_tables(con)
    return Digests(
        _combined(sources),
        code_digest(project_dir, rule_set),
        sources,
        {table: day_digests(con, table, key, window, stamped) for table, key in keyed.items()},
    )


def inputs_digest(con: duckdb.DuckDBPyConnection, tables: list[str]) -> str:
    """A digest of ``tables`` (those present) and of every table of schema ``ledger``."""
    return _combined(table_digests(con, tables))


def _combined(digests: dict[str, str]) -> str:
    """One digest of every table's (``table_digests``): a build's ``inputs``."""
    return _digest([f"{table}:{digest}" for table, digest in digests.items()])


def table_digests(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, str]:
    """Each of ``tables`` (those present) and each table of schema ``ledger``: its digest."""
    present = {
        f"{schema}.{name}": schema
        for schema, name in con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('raw', 'ledger')"
        ).fetchall()
    }
    ledger = {table for table, schema in present.items() if schema == "ledger"}
    wanted = sorted({t for t in tables if t in present} | ledger)
    stamped = _stamped_tables(con)
    digests = {}
    for table in wanted:
        row = con.execute(f"select count(*), {_newest(table, stamped)} from {table} t").fetchone()
        digests[table] = f"{row[0]}:{row[1]}"
    return digests


def _stamped_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """``schema.table`` of every table with an ``_ingested_at`` column."""
    return {
        f"{schema}.{name}"
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.columns "
            "where column_name = '_ingested_at'"
        ).fetchall()
    }


def _newest(table: str, stamped: set[str]) -> str:
    """What stands for the newest write of rows ``t`` of ``table`` beside their count: the newest
    ``_ingested_at``, or for a table without it the hash of every row."""
    return "max(t._ingested_at)" if table in stamped else "sum(hash(t))"


def _day_range(window: Window | None, margin: int) -> tuple[date, date] | None:
    """The dates [first, end) whose rows may change ``window``'s days; None: every date."""
    if window is None:
        return None
    pad = timedelta(days=margin)
    return periods.first_day(window[0]) - pad, periods.end_day(window[1]) + pad


def day_digests(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: DayKeyed,
    window: Window | None,
    stamped: set[str],
) -> dict[str, str]:
    """Each date's digest of ``table``'s rows that may change ``window``'s days: their count and
    newest ``_ingested_at``, or the hash of every row in a table without it (as
    :func:`table_digests`). A bound on the column itself, which DuckDB applies in the scan."""
    bounds = _day_range(window, key.margin)
    where = "" if bounds is None else f"where t.{key.column} >= ? and t.{key.column} < ?"
    rows = con.execute(
        f"select cast(t.{key.column} as date), count(*), {_newest(table, stamped)} "
        f"from {table} t {where} group by 1",
        [] if bounds is None else list(bounds),
    ).fetchall()
    return {day.isoformat(): f"{n}:{stamp}" for day, n, stamp in rows if day is not None}


def code_digest(project_dir: Path, rule_set: str) -> str:
    """A digest of the dbt project's files, the rule set and the engine versions."""
    files = []
    for part in PROJECT_PARTS:
        path = project_dir / part
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files += [f for f in found if f.exists()]
    parts = [
        f"{f.relative_to(project_dir)}:{hashlib.sha256(f.read_bytes()).hexdigest()}" for f in files
    ]
    parts += [f"rule_set:{rule_set}"] + [f"{name}:{version(name)}" for name in VERSIONS]
    return _digest(parts)


def _digest(parts: list[str]) -> str:
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _bounds(window: Window | None) -> tuple[str, str]:
    return ("", "") if window is None else (window[0], window[1])


def _covering(con: duckdb.DuckDBPyConnection, window: Window | None) -> dict | None:
    """The latest recorded build whose window covers ``window`` (a build of every period covers
    any), as its columns, or None."""
    if not con.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'quality' and table_name = 'dbt_builds'"
    ).fetchone()[0]:
        return None
    first, last = _bounds(window)
    cursor = con.execute(
        """
        select * from quality.dbt_builds
        where window_from = '' or (? <> '' and window_from <= ? and window_to >= ?)
        order by built_at desc limit 1
        """,
        [first, first, last],
    )
    row = cursor.fetchone()
    return None if row is None else dict(zip([c[0] for c in cursor.description], row, strict=True))


def unchanged_build(
    con: duckdb.DuckDBPyConnection, window: Window | None, digests: Digests, serving_dir: Path
) -> Build | None:
    """The recorded build that makes building ``window`` again unnecessary, or None."""
    covering = _covering(con, window)
    if covering is None or (covering["inputs"], covering["code"]) != (digests.inputs, digests.code):
        return None
    latest = con.execute("select max(built_at) from quality.dbt_builds").fetchone()[0]
    release = serving.release_manifest(serving_dir)
    if release is None:
        return None
    published = datetime.fromisoformat(release["published_at"]).astimezone(UTC)
    if published.replace(tzinfo=None) < latest:
        return None
    return Build(covering["run_id"], covering["built_at"])


def changed_days(
    con: duckdb.DuckDBPyConnection, window: Window | None, digests: Digests, manifest: dict
) -> str | None:
    """What a build of ``window`` gives dbt as ``EPERF_DAYS``: ``'FIRST..LAST'``, the range of
    the window's days whose inputs changed since the latest build covering it, or ``'none'``
    when no input of a day-partitioned model changed; None when every day is rebuilt (no window,
    no such build, other code, or a changed input that is not keyed by day)."""
    covering = None if window is None else _covering(con, window)
    if covering is None or covering["code"] != digests.code:
        return None
    if covering.get("sources") is None or covering.get("days") is None:
        return None
    sources_then, days_then = json.loads(covering["sources"]), json.loads(covering["days"])
    changed = {
        table
        for table in sources_then.keys() | digests.sources.keys()
        if sources_then.get(table) != digests.sources.get(table)
    } & day_model_inputs(manifest)
    keyed = day_keyed_sources(manifest)
    if any(t not in keyed or t not in days_then or t not in digests.days for t in changed):
        return None
    days: set[date] = set()
    for table in changed:
        days |= _days_changed(days_then[table], digests.days[table], window, keyed[table])
    first, end = periods.first_day(window[0]), periods.end_day(window[1])
    days = {day for day in days if first <= day < end}
    return f"{min(days).isoformat()}..{max(days).isoformat()}" if days else "none"


def _days_changed(
    then: dict[str, str], now: dict[str, str], window: Window, key: DayKeyed
) -> set[date]:
    """The days of a day-keyed source's change: each date whose digest differs and, for a source
    that bounds the days observed, the days between its newest date then and now (exports of a
    new day mark the days up to it observed), each widened by the source's margin."""
    low, high = (d.isoformat() for d in _day_range(window, key.margin))
    then = {day: digest for day, digest in then.items() if low <= day < high}
    moved = {date.fromisoformat(d) for d in then.keys() | now.keys() if then.get(d) != now.get(d)}
    if key.observes:
        before = date.fromisoformat(low) - timedelta(days=1)
        newest = sorted(date.fromisoformat(max(d)) if d else before for d in (then, now))
        span = (newest[1] - newest[0]).days
        moved |= {newest[0] + timedelta(days=n) for n in range(1, span + 1)}
    return {day + timedelta(days=n) for day in moved for n in range(-key.margin, key.margin + 1)}


def record_build(
    con: duckdb.DuckDBPyConnection,
    window: Window | None,
    digests: Digests,
    run_id: str,
    rebuilt_days: str | None = None,
) -> None:
    """Record a successful build of the whole project for ``window`` (None: every period), with
    the days its day-partitioned models rebuilt (``EPERF_DAYS``; None: every day)."""
    con.execute(BUILDS_DDL)
    first, last = _bounds(window)
    con.execute(
        "insert into quality.dbt_builds "
        "(window_from, window_to, inputs, code, run_id, built_at, sources, days, rebuilt_days) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            first,
            last,
            digests.inputs,
            digests.code,
            run_id,
            datetime.now(UTC).replace(tzinfo=None),
            json.dumps(digests.sources, sort_keys=True),
            json.dumps(digests.days, sort_keys=True),
            rebuilt_days,
        ],
    )
