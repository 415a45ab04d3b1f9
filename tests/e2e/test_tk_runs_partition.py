"""R7: a partition run rebuilds the runs of consecutive TK workdays that its window
can change (a run still open at the window's start goes on into it) and gives what a full build
gives; the runs that ended before the window stay as they were built."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import duckdb

from eperf.config import run_dbt

MODEL = "int_tk_runs_consecutive"

# (nip, work_date, status); every date is a workday, so adjacent rows of an employee are adjacent.
JANUARY = [
    ("A", "2025-01-28", "HADIR"), ("A", "2025-01-29", "TK"), ("A", "2025-01-30", "TK"),
    ("A", "2025-01-31", "TK"),
    ("B", "2025-01-02", "TK"), ("B", "2025-01-03", "HADIR"), ("B", "2025-01-30", "TK"),
    ("B", "2025-01-31", "TK"),
    ("C", "2025-01-30", "TK"), ("C", "2025-01-31", "TK"),
    ("D", "2025-01-30", "TK"), ("D", "2025-01-31", "HADIR"),
]  # fmt: skip
FEBRUARY = [
    ("A", "2025-02-03", "TK"), ("A", "2025-02-04", "HADIR"),
    ("B", "2025-02-03", "HADIR"),
    ("C", "2025-02-03", "TK"),
    ("D", "2025-02-03", "TK"),
]  # fmt: skip


def build(warehouse: Path, target: Path, period: str | None = None) -> None:
    """``dbt run`` of the model alone on ``warehouse``; a partition run when ``period`` is set."""
    env = {**os.environ, "EPERF_WAREHOUSE": str(warehouse)}
    env.pop("EPERF_PERIOD_FROM", None)
    env.pop("EPERF_PERIOD_TO", None)
    if period:
        env.update(EPERF_PERIOD_FROM=period, EPERF_PERIOD_TO=period)
    done = run_dbt("run", "--select", MODEL, target_path=target, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


def add_days(warehouse: Path, days: list[tuple[str, str, str]]) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "create schema if not exists intermediate; create table if not exists "
            "intermediate.int_attendance_days_classified"
            " (nip varchar, work_date date, period varchar, status varchar)"
        )
        con.executemany(
            "insert into intermediate.int_attendance_days_classified"
            " values (?, ?, substr(?, 1, 7), ?)",
            [(nip, day, day, status) for nip, day, status in days],
        )


def runs(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            f"select nip, first_tk_date, last_tk_date, tk_days_in_run, ended_period, tk_dates "
            f"from intermediate.{MODEL} order by nip, first_tk_date"
        ).fetchall()


def d(day: str) -> date:
    return date.fromisoformat(day)


def test_a_partition_run_rebuilds_the_tk_runs_its_window_can_change(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    add_days(warehouse, JANUARY)
    build(warehouse, tmp_path / "target")
    assert runs(warehouse) == [
        ("A", d("2025-01-29"), d("2025-01-31"), 3, None, "2025-01-29, 2025-01-30, 2025-01-31"),
        ("B", d("2025-01-02"), d("2025-01-02"), 1, "2025-01", "2025-01-02"),
        ("B", d("2025-01-30"), d("2025-01-31"), 2, None, "2025-01-30, 2025-01-31"),
        ("C", d("2025-01-30"), d("2025-01-31"), 2, None, "2025-01-30, 2025-01-31"),
        ("D", d("2025-01-30"), d("2025-01-30"), 1, "2025-01", "2025-01-30"),
    ]

    # Proof that February's run leaves the runs ended in January alone: a mark survives it.
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"update intermediate.{MODEL} set tk_dates = 'MARK' where nip = 'D'")
    add_days(warehouse, FEBRUARY)
    build(warehouse, tmp_path / "target", period="2025-02")
    february = runs(warehouse)
    assert [r for r in february if r[5] == "MARK"] == [
        ("D", d("2025-01-30"), d("2025-01-30"), 1, "2025-01", "MARK")
    ]
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            f"update intermediate.{MODEL} set tk_dates = '2025-01-30' where tk_dates = 'MARK'"
        )

    expected = [
        ("A", d("2025-01-29"), d("2025-02-03"), 4, "2025-02",
         "2025-01-29, 2025-01-30, 2025-01-31, 2025-02-03"),
        ("B", d("2025-01-02"), d("2025-01-02"), 1, "2025-01", "2025-01-02"),
        ("B", d("2025-01-30"), d("2025-01-31"), 2, "2025-02", "2025-01-30, 2025-01-31"),
        ("C", d("2025-01-30"), d("2025-02-03"), 3, None, "2025-01-30, 2025-01-31, 2025-02-03"),
        ("D", d("2025-01-30"), d("2025-01-30"), 1, "2025-01", "2025-01-30"),
        ("D", d("2025-02-03"), d("2025-02-03"), 1, None, "2025-02-03"),
    ]  # fmt: skip
    assert runs(warehouse) == expected
    build(warehouse, tmp_path / "target")  # the full build of the same days
    assert runs(warehouse) == expected
