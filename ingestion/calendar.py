"""Indonesian public holidays and cuti bersama (R1), from the ``holidays`` package.

Grain of ``raw.reference__public_holiday``: one row per holiday date. Names are in Bahasa
Indonesia. Ministry-specific overrides are a dbt seed (``policy_calendar_overrides``).
"""

from __future__ import annotations

from datetime import date

import duckdb
import holidays
import pyarrow as pa

TARGET = "raw.reference__public_holiday"


def indonesian_holidays(years: range) -> list[tuple[date, str]]:
    """Public holidays and cuti bersama (category ``government``) for the given years."""
    calendar = holidays.Indonesia(
        years=list(years), categories=("public", "government"), language="id"
    )
    return sorted(calendar.items())


def load_holidays(con: duckdb.DuckDBPyConnection, years: range) -> int:
    rows = indonesian_holidays(years)
    table = pa.table(
        {
            "holiday_date": pa.array([d for d, _ in rows], pa.date32()),
            "holiday_name": pa.array([n for _, n in rows], pa.string()),
        }
    )
    con.execute("create schema if not exists raw")
    con.register("_holidays", table)
    con.execute(f"create or replace table {TARGET} as select * from _holidays")
    con.unregister("_holidays")
    return table.num_rows


def years_in_warehouse(con: duckdb.DuckDBPyConnection) -> range:
    """The calendar years the raw punches and activity reports cover, with a year either side."""
    lo, hi = con.execute(
        """
        select min(y), max(y) from (
            select year(punch_time) as y from raw.attendance__punch
            union all select year(activity_date) from raw.app__activity_report
        )
        """
    ).fetchone()
    if lo is None:
        today = date.today().year
        return range(today - 1, today + 2)
    return range(lo - 1, hi + 2)
