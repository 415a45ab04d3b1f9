"""``eperf bench-compare``: two warehouses' tables compared with EXCEPT ALL both ways."""

from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from eperf.bench.compare import compare_warehouses, difference_lines
from eperf.cli import app


def _warehouse(path, rows, *, batch="b1", extra_table=False, extra_column=False):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        column = ", note varchar" if extra_column else ""
        con.execute(
            "create table marts.fct_x (nip varchar, amount decimal(18, 0), batch_id varchar, "
            f"ingested_at timestamp{column})"
        )
        for nip, amount in rows:
            values = [nip, amount, batch, f"2026-12-0{1 if batch == 'b1' else 2} 10:00:00"]
            con.execute(
                f"insert into marts.fct_x values (?, ?, ?, ?{', null' if extra_column else ''})",
                values,
            )
        if extra_table:
            con.execute("create table marts.dim_y (code varchar)")
        con.execute("create table marts.same (n integer)")
        con.execute("insert into marts.same values (1), (2)")


def test_the_same_rows_in_another_order_and_another_batch_are_identical(tmp_path):
    _warehouse(tmp_path / "a.duckdb", [("A", 100), ("B", 200), ("B", 200)])
    _warehouse(tmp_path / "b.duckdb", [("B", 200), ("A", 100), ("B", 200)], batch="b2")
    found = compare_warehouses(tmp_path / "a.duckdb", tmp_path / "b.duckdb")
    assert [(d.table, d.rows_before, d.rows_after, d.equal) for d in found] == [
        ("fct_x", 3, 3, True),
        ("same", 2, 2, True),
    ]
    assert difference_lines(found)[-1] == (
        "2 tables compared with EXCEPT ALL both ways: all identical"
    )


def test_a_changed_value_a_lost_duplicate_and_a_missing_table_are_named(tmp_path):
    _warehouse(tmp_path / "a.duckdb", [("A", 100), ("B", 200), ("B", 200)], extra_table=True)
    _warehouse(tmp_path / "b.duckdb", [("A", 101), ("B", 200)])
    found = {d.table: d for d in compare_warehouses(tmp_path / "a.duckdb", tmp_path / "b.duckdb")}
    # A 100 became A 101; one of the two B rows is gone (EXCEPT ALL counts multiplicity)
    assert (found["fct_x"].only_before, found["fct_x"].only_after) == (2, 1)
    assert found["dim_y"].note == "no such table after" and found["dim_y"].rows_after is None
    assert found["same"].equal
    result = CliRunner().invoke(
        app, ["bench-compare", str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")]
    )
    assert result.exit_code == 1
    assert "marts.dim_y" in result.output and "DIFFERENT: no such table after" in result.output
    assert result.output.strip().endswith("3 tables compared with EXCEPT ALL both ways: 2 differ")


def test_columns_that_differ_are_a_difference(tmp_path):
    _warehouse(tmp_path / "a.duckdb", [("A", 100)])
    _warehouse(tmp_path / "b.duckdb", [("A", 100)], extra_column=True)
    found = {d.table: d for d in compare_warehouses(tmp_path / "a.duckdb", tmp_path / "b.duckdb")}
    assert found["fct_x"].note == "columns differ" and not found["fct_x"].equal
