"""DuckDB's database scanners (sqlite, postgres, mysql) from the ``duckdb-ext-*`` wheels.

No network at run time: extensions are loaded from the installed ``duckdb_ext`` package, never
downloaded (``autoinstall_known_extensions`` is off).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

SCANNERS = {"sqlite": "sqlite_scanner", "postgresql": "postgres_scanner", "mysql": "mysql_scanner"}


def extension_directory() -> str | None:
    """The folder holding the bundled extensions, or None when the wheels are not installed."""
    spec = importlib.util.find_spec("duckdb_ext")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "extensions"
    return str(folder) if folder.is_dir() else None


def load_scanner(con: duckdb.DuckDBPyConnection, dialect: str) -> bool:
    """Load the scanner for a SQLAlchemy dialect name; False when it is not available."""
    name = SCANNERS.get(dialect)
    folder = extension_directory()
    if name is None or folder is None:
        return False
    con.execute(f"set extension_directory = '{folder}'")
    con.execute("set autoinstall_known_extensions = false")
    try:
        con.execute(f"load {name}")
    except duckdb.Error:
        return False
    return True
