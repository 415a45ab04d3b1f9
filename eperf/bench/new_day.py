"""One new day of device exports on top of a generated history, for the daily incremental bench.

The day after the newest export file that is a workday (Monday-Friday, not a public holiday or
cuti bersama) gets a copy of the newest workday's files with every punch moved to the new date,
as if each device sent its file for today. Same history in, same bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ingestion.device_files import FILE_NAME


@dataclass(frozen=True)
class NewDay:
    """What was added: the new date, the day it copies, the files written and their punches."""

    day: date
    copied_from: date
    files: int
    punches: int


def next_workday(after: date, holidays: set[date]) -> date:
    """The first Monday-Friday after ``after`` that is not in ``holidays``."""
    day = after + timedelta(days=1)
    while day.isoweekday() > 5 or day in holidays:
        day += timedelta(days=1)
    return day


def shift_export(data: bytes, old: date, new: date) -> tuple[bytes, int]:
    """An export file's bytes with every ``old`` date (``YYYY-MM-DD``) replaced by ``new``, and
    its number of punch lines (lines after the header that are not blank)."""
    shifted = data.replace(old.isoformat().encode(), new.isoformat().encode())
    lines = shifted.splitlines()[1:]
    return shifted, sum(1 for line in lines if line.strip())


def export_dates(attendance_dir: Path) -> dict[date, list[Path]]:
    """The ``<device>/<YYYY-MM-DD>.csv`` files of the folder, by date."""
    by_date: dict[date, list[Path]] = {}
    for path in sorted(attendance_dir.glob("*/*")):
        match = FILE_NAME.match(path.name)
        if path.is_file() and match:
            by_date.setdefault(date.fromisoformat(match.group(1)), []).append(path)
    return by_date


def add_next_day(attendance_dir: Path, holidays: set[date]) -> NewDay:
    """Write the next workday's export files (copies of the newest workday's, re-dated)."""
    by_date = export_dates(attendance_dir)
    if not by_date:
        raise ValueError(f"no device export files in {attendance_dir}")
    workdays = [d for d in by_date if d.isoweekday() <= 5 and d not in holidays]
    template = max(workdays or by_date)
    new = next_workday(max(by_date), holidays)
    punches = 0
    for path in by_date[template]:
        shifted, lines = shift_export(path.read_bytes(), template, new)
        (path.parent / f"{new.isoformat()}.csv").write_bytes(shifted)
        punches += lines
    return NewDay(new, template, len(by_date[template]), punches)


def resend_workday(attendance_dir: Path, holidays: set[date], day: date | None = None) -> NewDay:
    """Send one workday's export file of every device again (the newest workday unless ``day``
    is given): the same punches, written with their lines in reverse order, so each file's bytes
    and time stamp change (a device sending its day a second time) while the day's attendance
    stays what it was."""
    by_date = export_dates(attendance_dir)
    workdays = [d for d in by_date if d.isoweekday() <= 5 and d not in holidays]
    if day is None and workdays:
        day = max(workdays)
    if day not in workdays:
        raise ValueError(
            f"no workday's device export files for {day or 'any day'} in {attendance_dir}"
        )
    punches = 0
    for path in by_date[day]:
        header, *lines = path.read_bytes().splitlines(keepends=True)
        ending = b"\r\n" if header.endswith(b"\r\n") else b"\n"
        body = [line.rstrip(b"\r\n") + ending for line in lines if line.strip()]
        path.write_bytes(header + b"".join(reversed(body)))
        punches += len(body)
    return NewDay(day, day, len(by_date[day]), punches)
