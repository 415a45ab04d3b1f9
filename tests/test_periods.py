"""Period arithmetic behind partitions, backfills, the morning refresh and the scheduled close."""

from datetime import date, datetime

import pytest

from eperf import periods


def test_cli_window_from_period_or_range_or_everything():
    assert periods.cli_window("2025-03", None, None) == ("2025-03", "2025-03")
    assert periods.cli_window(None, "2024-11", "2025-02") == ("2024-11", "2025-02")
    assert periods.cli_window(None, None, None) is None
    for bad in [
        ("2025-3", None, None),
        ("2025-13", None, None),
        (None, "2025-02", None),
        (None, "2025-03", "2025-01"),
        ("2025-01", "2025-01", "2025-02"),
    ]:
        with pytest.raises(periods.PeriodError):
            periods.cli_window(*bad)


def test_dbt_vars_are_absent_for_a_full_build():
    assert periods.dbt_vars(None) == {}
    assert periods.dbt_vars(("2024-12", "2025-01")) == {
        "period_from": "2024-12",
        "period_to": "2025-01",
    }


def test_windows_cross_year_ends():
    assert periods.shift("2025-01", -1) == "2024-12"
    assert periods.shift("2024-12", 1) == "2025-01"
    assert periods.periods_between("2024-11", "2025-02") == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    assert periods.day_keys(("2024-02", "2024-02")) == ("2024-02-01", "2024-02-29")
    assert periods.day_keys(("2024-12", "2025-01")) == ("2024-12-01", "2025-01-31")
    # A partition time window [start, end) -> the periods it covers (end exclusive).
    assert periods.window_of_time_range(datetime(2025, 1, 1), datetime(2025, 4, 1)) == (
        "2025-01",
        "2025-03",
    )


def test_morning_refresh_rebuilds_previous_and_current_month():
    assert periods.periods_to_rebuild(date(2025, 1, 1)) == ["2024-12", "2025-01"]
    assert periods.periods_to_rebuild(date(2025, 3, 31)) == ["2025-02", "2025-03"]


def test_scheduled_close_takes_the_previous_month_from_the_close_day():
    assert periods.period_to_close(date(2025, 2, 10), close_day=10) == "2025-01"
    assert periods.period_to_close(date(2025, 1, 10), close_day=10) == "2024-12"
    assert periods.period_to_close(date(2025, 2, 9), close_day=10) is None
