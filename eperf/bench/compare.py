"""Are two warehouses' published numbers the same? The check behind every performance change.

Both warehouses are attached read-only to one in-memory DuckDB, and every table of the compared
schemas (the marts by default) is compared both ways with ``EXCEPT ALL``: a row counts as equal
only when the same values occur the same number of times on both sides, whatever their order.
A table present on one side only, or whose columns differ, is a difference too.

Columns that record a run rather than compute a number are left out: the batch and the time a
row was ingested or resolved (the quarantine's lineage, new on every load).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

RUN_LINEAGE = (
    "batch_id",
    "resolved_batch_id",
    "ingested_at",
    "resolved_at",
    "_batch_id",  # raw tables' lineage
    "_ingested_at",
)


@dataclass(frozen=True)
class TableDifference:
    schema: str
    table: str
    rows_before: int | None  # None: the table is missing on that side
    rows_after: int | None
    only_before: int  # rows (with their multiplicity) found only before
    only_after: int
    note: str = ""

    @property
    def equal(self) -> bool:
        return not (self.note or self.only_before or self.only_after)


def compare_warehouses(
    before: Path, after: Path, schemas: tuple[str, ...] = ("marts",)
) -> list[TableDifference]:
    """One line per table of ``schemas`` in either warehouse, in name order."""
    with duckdb.connect() as con:
        for name, path in (("before", before), ("after", after)):
            quoted = str(path).replace("'", "''")
            con.execute(f"attach '{quoted}' as {name} (read_only)")
        return [
            _compare_table(con, schema, table)
            for schema in schemas
            for table in sorted(_tables(con, "before", schema) | _tables(con, "after", schema))
        ]


def _tables(con: duckdb.DuckDBPyConnection, database: str, schema: str) -> set[str]:
    return {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = ?",
            [database, schema],
        ).fetchall()
    }


def _columns(con: duckdb.DuckDBPyConnection, database: str, schema: str, table: str) -> list:
    return con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? and table_name = ? order by column_index",
        [database, schema, table],
    ).fetchall()


def _compare_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> TableDifference:
    sides = {db: _columns(con, db, schema, table) for db in ("before", "after")}
    counts = {
        db: (
            con.execute(f'select count(*) from {db}."{schema}"."{table}"').fetchone()[0]
            if columns
            else None
        )
        for db, columns in sides.items()
    }
    if not sides["before"] or not sides["after"]:
        missing = "before" if not sides["before"] else "after"
        return TableDifference(
            schema, table, counts["before"], counts["after"], 0, 0, f"no such table {missing}"
        )
    if sides["before"] != sides["after"]:
        return TableDifference(
            schema, table, counts["before"], counts["after"], 0, 0, "columns differ"
        )
    kept = ", ".join(f'"{name}"' for name, _ in sides["before"] if name not in RUN_LINEAGE)

    def only(first: str, second: str) -> int:
        return con.execute(
            f'select count(*) from (select {kept} from {first}."{schema}"."{table}" '
            f'except all select {kept} from {second}."{schema}"."{table}")'
        ).fetchone()[0]

    return TableDifference(
        schema,
        table,
        counts["before"],
        counts["after"],
        only("before", "after"),
        only("after", "before"),
    )


def difference_lines(found: list[TableDifference]) -> list[str]:
    """The comparison in words: one line per table, then the verdict."""
    width = max((len(f"{d.schema}.{d.table}") for d in found), default=10)
    lines = [
        f"{'table':<{width}} {'rows before':>12} {'rows after':>12} {'only before':>12} "
        f"{'only after':>11}"
    ]
    for d in found:
        before = "-" if d.rows_before is None else f"{d.rows_before:,}"
        after = "-" if d.rows_after is None else f"{d.rows_after:,}"
        verdict = "" if d.equal else f"  DIFFERENT{': ' + d.note if d.note else ''}"
        lines.append(
            f"{d.schema + '.' + d.table:<{width}} {before:>12} {after:>12} "
            f"{d.only_before:>12,} {d.only_after:>11,}{verdict}"
        )
    differing = [d for d in found if not d.equal]
    lines.append(
        f"{len(found)} tables compared with EXCEPT ALL both ways: "
        + ("all identical" if not differing else f"{len(differing)} differ")
    )
    return lines
