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
only by deleting them (the data-quality checks rely on the same, data_quality/validate.py). A
table without that column (the quarantine, whose rows are resolved in place, and the ledger) is
digested from the hash of every row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import duckdb

from eperf import serving
from eperf.periods import Window

BUILDS_DDL = """
create schema if not exists quality;
create table if not exists quality.dbt_builds (
    window_from varchar, window_to varchar, inputs varchar, code varchar, run_id varchar,
    built_at timestamp
)
"""
# What the SQL of a build depends on besides the tables it reads.
PROJECT_PARTS = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")
VERSIONS = ("dbt-core", "dbt-duckdb", "duckdb")


@dataclass(frozen=True)
class Digests:
    inputs: str
    code: str


@dataclass(frozen=True)
class Build:
    """A recorded build: its run and when it finished."""

    run_id: str
    built_at: datetime


def source_tables(manifest: dict) -> list[str]:
    """``schema.table`` of every dbt source of the manifest."""
    return sorted({f"{s['schema']}.{s['identifier']}" for s in manifest["sources"].values()})


def inputs_digest(con: duckdb.DuckDBPyConnection, tables: list[str]) -> str:
    """A digest of ``tables`` (those present) and of every table of schema ``ledger``."""
    present = {
        f"{schema}.{name}": schema
        for schema, name in con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('raw', 'ledger')"
        ).fetchall()
    }
    ledger = {table for table, schema in present.items() if schema == "ledger"}
    wanted = sorted({t for t in tables if t in present} | ledger)
    stamped = {
        f"{schema}.{name}"
        for schema, name in con.execute(
            "select table_schema, table_name from information_schema.columns "
            "where column_name = '_ingested_at'"
        ).fetchall()
    }
    parts = []
    for table in wanted:
        if table in stamped:
            row = con.execute(f"select count(*), max(_ingested_at) from {table}").fetchone()
        else:
            row = con.execute(f"select count(*), sum(hash(t)) from {table} t").fetchone()
        parts.append(f"{table}:{row[0]}:{row[1]}")
    return _digest(parts)


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


def unchanged_build(
    con: duckdb.DuckDBPyConnection, window: Window | None, digests: Digests, serving_dir: Path
) -> Build | None:
    """The recorded build that makes building ``window`` again unnecessary, or None."""
    if not con.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'quality' and table_name = 'dbt_builds'"
    ).fetchone()[0]:
        return None
    first, last = _bounds(window)
    covering = con.execute(
        """
        select inputs, code, run_id, built_at from quality.dbt_builds
        where window_from = '' or (? <> '' and window_from <= ? and window_to >= ?)
        order by built_at desc limit 1
        """,
        [first, first, last],
    ).fetchone()
    if covering is None or (covering[0], covering[1]) != (digests.inputs, digests.code):
        return None
    latest = con.execute("select max(built_at) from quality.dbt_builds").fetchone()[0]
    release = serving.release_manifest(serving_dir)
    if release is None:
        return None
    published = datetime.fromisoformat(release["published_at"]).astimezone(UTC)
    if published.replace(tzinfo=None) < latest:
        return None
    return Build(covering[2], covering[3])


def record_build(
    con: duckdb.DuckDBPyConnection, window: Window | None, digests: Digests, run_id: str
) -> None:
    """Record a successful build of the whole project for ``window`` (None: every period)."""
    con.execute(BUILDS_DDL)
    first, last = _bounds(window)
    con.execute(
        "insert into quality.dbt_builds values (?, ?, ?, ?, ?, ?)",
        [first, last, digests.inputs, digests.code, run_id, datetime.now(UTC).replace(tzinfo=None)],
    )
