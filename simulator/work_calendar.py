"""The simulated window and its working calendar (RULES.md R1).

Grain: one entry per calendar day, as numpy arrays indexed by *day index* (0 = the window's
first day). Workdays, schedules and Ramadan ranges follow R1; holidays come from the
``holidays`` package exactly as the warehouse takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays
import numpy as np

# R1: Ramadan ranges (seed defaults; the government announces them yearly).
RAMADAN_RANGES: tuple[tuple[str, str], ...] = (
    ("2024-03-12", "2024-04-09"),
    ("2025-03-01", "2025-03-30"),
    ("2026-02-19", "2026-03-20"),
)
# R1: schedules as minutes after local midnight: (start, end Mon-Thu, end Fri).
NORMAL_SCHEDULE = (7 * 60 + 30, 16 * 60, 16 * 60 + 30)
RAMADAN_SCHEDULE = (8 * 60, 15 * 60, 15 * 60 + 30)

# Days after the window kept in the calendar, so reviews and leave can run past the window end.
TRAILING_DAYS = 62
# The sources are extracted this long after the window's last day (all ``*_at`` <= extraction).
EXTRACTION_DELAY = timedelta(days=5, hours=10)


@dataclass(frozen=True)
class Window:
    """The simulated months: ``first_day`` .. ``last_day`` inclusive."""

    first_day: date
    last_day: date
    months: tuple[str, ...]  # "YYYY-MM"

    @classmethod
    def from_period(cls, start_period: str, months: int) -> Window:
        if months < 1:
            raise ValueError("months must be >= 1")
        year, month = (int(part) for part in start_period.split("-"))
        periods = []
        for offset in range(months):
            y, m = divmod(month - 1 + offset, 12)
            periods.append(f"{year + y:04d}-{m + 1:02d}")
        last_year, last_month = (int(part) for part in periods[-1].split("-"))
        next_first = date(last_year + last_month // 12, last_month % 12 + 1, 1)
        return cls(date(year, month, 1), next_first - timedelta(days=1), tuple(periods))

    @property
    def opens_at(self) -> datetime:
        """Midnight starting the window; records that predate the window are edited before it."""
        return datetime.combine(self.first_day, datetime.min.time())

    @property
    def extracted_at(self) -> datetime:
        """UTC moment of the snapshot the simulated sources represent."""
        return datetime.combine(self.last_day, datetime.min.time()) + EXTRACTION_DELAY

    def day_index(self, day: date | np.datetime64) -> int:
        return int((np.datetime64(day, "D") - np.datetime64(self.first_day, "D")).astype(int))


@dataclass(frozen=True)
class Calendar:
    """Per-day arrays over the window plus ``TRAILING_DAYS``; index 0 is ``first_day``."""

    dates: np.ndarray  # datetime64[D]
    is_workday: np.ndarray  # bool, R1
    start_minute: np.ndarray  # schedule start, local minutes (R1)
    end_minute: np.ndarray  # schedule end, local minutes (R1)
    window_days: int  # number of days inside the window
    workday_rank: np.ndarray  # number of workdays strictly before each day

    def next_workday(self, day_index: np.ndarray, workdays_after: np.ndarray) -> np.ndarray:
        """Day index of the workday ``workdays_after`` workdays on/after ``day_index``
        (0 = the day itself if a workday, else the next workday); clipped to the calendar."""
        work_idx = np.flatnonzero(self.is_workday)
        target = self.workday_rank[day_index] + workdays_after
        return work_idx[np.minimum(target, len(work_idx) - 1)]


def build_calendar(window: Window) -> Calendar:
    """Workdays and schedules (R1) for every day of the window plus a trailing margin."""
    n_days = (window.last_day - window.first_day).days + 1
    total = n_days + TRAILING_DAYS
    first = np.datetime64(window.first_day, "D")
    dates = first + np.arange(total)
    years = range(window.first_day.year, window.last_day.year + 2)
    # R1: national holidays and cuti bersama ("government" category).
    off_days = holidays.Indonesia(years=years, categories=("public", "government"))
    holiday = np.isin(dates, np.array(sorted(off_days.keys()), dtype="datetime64[D]"))
    weekday = (dates.astype(int) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    is_workday = (weekday < 5) & ~holiday

    ramadan = np.zeros(total, dtype=bool)
    for begin, end in RAMADAN_RANGES:
        ramadan |= (dates >= np.datetime64(begin)) & (dates <= np.datetime64(end))
    friday = weekday == 4
    normal_end = np.where(friday, NORMAL_SCHEDULE[2], NORMAL_SCHEDULE[1])
    ramadan_end = np.where(friday, RAMADAN_SCHEDULE[2], RAMADAN_SCHEDULE[1])
    start_minute = np.where(ramadan, RAMADAN_SCHEDULE[0], NORMAL_SCHEDULE[0]).astype(np.int32)
    end_minute = np.where(ramadan, ramadan_end, normal_end).astype(np.int32)
    workday_rank = np.concatenate(([0], np.cumsum(is_workday)[:-1]))
    return Calendar(dates, is_workday, start_minute, end_minute, n_days, workday_rank)
