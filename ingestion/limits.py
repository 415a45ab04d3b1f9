"""Memory bounds for the DuckDB instance a load runs in.

A year of a 40,000-person ministry lands tens of millions of rows as text in temp tables; left
to its default (80 % of RAM) DuckDB keeps them all in memory. With a limit it spills them to the
warehouse's ``.tmp`` folder instead, so a load fits beside the dashboards and dbt on one machine.
"""

from __future__ import annotations

import re

import duckdb

from eperf.config import Settings

_SIZE = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)


def memory_limit(settings: Settings | None = None) -> str:
    """EPERF_DUCKDB_MEMORY_LIMIT (e.g. ``4GB``; default 4GB)."""
    value = (settings or Settings.from_env()).duckdb_memory_limit
    if not _SIZE.match(value):
        raise ValueError(f"EPERF_DUCKDB_MEMORY_LIMIT must look like 4GB or 512MB, got {value!r}")
    return value


def bound_memory(con: duckdb.DuckDBPyConnection, settings: Settings | None = None) -> None:
    """Cap the instance's memory and let it drop row order no query asks for (lineage keeps
    each row's source row number, so nothing depends on physical order)."""
    con.execute(f"set memory_limit = '{memory_limit(settings)}'")
    con.execute("set preserve_insertion_order = false")
