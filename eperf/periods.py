"""Periods (YYYY-MM) and partition windows: the pure arithmetic behind partitions and backfills.

A window is an inclusive range of periods ``(period_from, period_to)``; ``None`` means every
period (a full build). dbt receives it as the vars ``period_from`` / ``period_to``
(dbt_project/macros/portable.sql, ``partition_window``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

Window = tuple[str, str]


class PeriodError(ValueError):
    """A period or window that is not YYYY-MM, or whose start is after its end."""


def check_period(period: str) -> str:
    if not PERIOD.match(period or ""):
        raise PeriodError(f"Periode '{period}' bukan YYYY-MM.")
    return period


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def first_day(period: str) -> date:
    check_period(period)
    return date(int(period[:4]), int(period[5:]), 1)


def shift(period: str, months: int) -> str:
    """The period ``months`` after (negative: before) ``period``."""
    start = first_day(period)
    index = start.year * 12 + start.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def end_day(period: str) -> date:
    """The first day after ``period`` (exclusive end)."""
    return first_day(shift(period, 1))


def periods_between(period_from: str, period_to: str) -> list[str]:
    """Every period from ``period_from`` to ``period_to`` inclusive."""
    check_window((period_from, period_to))
    periods, current = [], period_from
    while current <= period_to:
        periods.append(current)
        current = shift(current, 1)
    return periods


def check_window(window: Window) -> Window:
    period_from, period_to = check_period(window[0]), check_period(window[1])
    if period_from > period_to:
        raise PeriodError(f"Periode awal {period_from} sesudah periode akhir {period_to}.")
    return window


def cli_window(period: str | None, period_from: str | None, period_to: str | None) -> Window | None:
    """The window of ``eperf run [--period P | --from A --to B]``; None for everything."""
    if period and (period_from or period_to):
        raise PeriodError("Pakai --period atau --from/--to, tidak keduanya.")
    if period:
        return check_window((period, period))
    if period_from or period_to:
        if not (period_from and period_to):
            raise PeriodError("--from dan --to harus diisi keduanya.")
        return check_window((period_from, period_to))
    return None


def dbt_vars(window: Window | None) -> dict[str, str]:
    """The dbt vars of a window: none for a full build."""
    if window is None:
        return {}
    period_from, period_to = check_window(window)
    return {"period_from": period_from, "period_to": period_to}


def window_of_time_range(start: datetime, end: datetime) -> Window:
    """The periods a partition time window [start, end) covers (end is exclusive)."""
    return (period_of(start.date()), period_of((end - timedelta(microseconds=1)).date()))


def day_keys(window: Window) -> tuple[str, str]:
    """First and last day (ISO dates) of a window: the daily partition range it covers."""
    period_from, period_to = check_window(window)
    return (
        first_day(period_from).isoformat(),
        (end_day(period_to) - timedelta(days=1)).isoformat(),
    )


def periods_to_rebuild(today: date) -> list[str]:
    """The morning refresh rebuilds the previous and the current month."""
    current = period_of(today)
    return [shift(current, -1), current]


def period_to_close(today: date, close_day: int) -> str | None:
    """The period a scheduled close on ``today`` closes: the previous month, on or after the
    configured day of the month; None before that day."""
    if today.day < close_day:
        return None
    return shift(period_of(today), -1)
