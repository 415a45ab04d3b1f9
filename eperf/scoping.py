"""Row scoping of every reader of the serving copy: the dashboards' pages and ``eperf export``.

One definition, in SQL (``scoping.sql``), of the rows a reader may see: the org units of the
subtree of the reader's unit (by ``dim_org_unit.path``; every unit for a reader of the whole
ministry; none otherwise) and the employee-months whose personal rows it may read. Readers open
a :func:`scoped_connection` and write their queries over its views (``scope_units``,
``scope_subtree(unit)``, and ``visible_months`` where the connection reads
fct_employee_monthly), so no query states the rule again.

The connection is a fresh in-memory DuckDB database: marts are views over the release's Parquet
files (never the warehouse file), and the scope is bound as variables, never spliced into SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

SCOPING_SQL = Path(__file__).with_name("scoping.sql")
MONTHS_SQL = Path(__file__).with_name("scoping_months.sql")
# The mart the scope's units come from: every scoped connection reads it.
SCOPE_MARTS = ("dim_org_unit",)
# The mart of the employee-months visible_months limits (when the connection reads it).
MONTHS_MART = "fct_employee_monthly"


class RowScope(Protocol):
    """What a reader may see (dashboards.lib.access.Scope is one)."""

    @property
    def unit_id(self) -> str | None: ...

    @property
    def all_units(self) -> bool: ...

    @property
    def nip(self) -> str | None: ...

    @property
    def may_see_personal(self) -> bool: ...


@dataclass(frozen=True)
class UnitScope:
    """The scope of an operator's export: one unit's subtree, or every unit when ``unit_id`` is
    None; personal rows included (the decree batch lists names)."""

    unit_id: str | None
    nip: str | None = None
    may_see_personal: bool = True

    @property
    def all_units(self) -> bool:
        return self.unit_id is None


def scope_variables(scope: RowScope) -> dict[str, object]:
    """The variables scoping.sql reads."""
    return {
        "scope_unit_id": scope.unit_id,
        "all_units": bool(scope.all_units),
        "scope_nip": scope.nip,
        "may_see_personal": bool(scope.may_see_personal),
    }


def set_variables(con: duckdb.DuckDBPyConnection, variables: Mapping[str, object]) -> None:
    """Bind each value as a DuckDB variable (``getvariable(name)`` in SQL); names are constants
    of the caller, values are always bound parameters."""
    for name, value in variables.items():
        if not name.isidentifier():
            raise ValueError(f"not a variable name: {name!r}")
        con.execute(f"set variable {name} = $value", {"value": value})


def scoped_connection(sources: Mapping[str, str], scope: RowScope) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection with a view per entry of ``sources`` (name → ``read_parquet``
    argument; SCOPE_MARTS among them) and the views of ``scope`` (``visible_months`` when
    MONTHS_MART is among them). The caller closes it."""
    missing = [mart for mart in SCOPE_MARTS if mart not in sources]
    if missing:
        raise ValueError(f"a scoped connection needs {missing}")
    con = duckdb.connect()
    try:
        for name, source in sources.items():
            con.read_parquet(source).create_view(name)
        set_variables(con, scope_variables(scope))
        con.execute(SCOPING_SQL.read_text(encoding="utf-8"))
        if MONTHS_MART in sources:
            con.execute(MONTHS_SQL.read_text(encoding="utf-8"))
    except BaseException:
        con.close()
        raise
    return con
