"""Daily activity reports (app ``activity_report``), one month at a time.

Grain: one row per reported activity. People report 1-4 activities per present workday (and on
official travel) worth about their persona's daily minutes (R3: 300-minute target, credited for
APPROVED reports only); a few report on weekend visits, a few claim work on days they were absent
(R3/R10 "claimed while absent"), and a rare day exceeds the 660-minute cap. Supervisors review
with their own lag; what is still unreviewed at extraction time stays SUBMITTED.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.attendance import ABSENT, OVERTIME, PRESENT, TRAVEL, EmployeeDays, MonthAttendance
from simulator.catalog import DESCRIPTION_SUFFIXES, Catalog, output_codes
from simulator.frames import object_frame
from simulator.personas import Personas
from simulator.randomness import time_ordered_uuids
from simulator.work_calendar import Calendar, Window

REPORTING_SHARE = 0.97  # present workdays with at least one report
WEEKEND_REPORT_SHARE = 0.6
CLAIMED_WHILE_ABSENT_SHARE = 0.04  # R3/R10 flag
OVER_CAP_SHARE = 0.003  # days pushed past the 660-minute cap (R3)
GENERAL_SHARE = 0.35  # reports on general office work rather than the unit's domain
CANDIDATES = 3  # activities considered per report when matching minutes to standard times
DRAFT_SHARE = 0.015
NEVER_REVIEWED_SHARE = 0.03
LATE_REVIEW_SHARE = 0.03  # reviews after more than 10 workdays (R9 timeliness)
DELETED_SHARE = 0.005
EVIDENCE_URL = "https://e-kinerja.kemensos.go.id/bukti/"
SECOND = np.timedelta64(1, "s")


@dataclass(frozen=True)
class ReportContext:
    """Fixed inputs of the report generator."""

    calendar: Calendar
    catalog: Catalog
    personas: Personas
    nips: np.ndarray  # per emp_idx
    unit_domain: np.ndarray  # per unit_idx, domain name
    unit_offset_hours: np.ndarray  # per unit_idx, UTC offset
    window: Window


def _report_days(att: MonthAttendance, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Employee-day rows with reports, and whether each is an ordinary working day."""
    status = att.status
    draw = rng.random(len(status))
    regular = np.isin(status, [PRESENT, TRAVEL]) & (draw < REPORTING_SHARE)
    odd = ((status == OVERTIME) & (draw < WEEKEND_REPORT_SHARE)) | (
        (status == ABSENT) & (draw < CLAIMED_WHILE_ABSENT_SHARE)
    )
    rows = np.flatnonzero(regular | odd)
    return rows, regular[rows]


def _pick_codes(
    ctx: ReportContext,
    domain: np.ndarray,
    day: np.ndarray,
    target: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """An activity of the unit's domain (or general office work) that fits the minutes the
    person spent: the first of three candidates whose standard time fits, else the shortest.
    Returns activity indices and their standard minutes on the activity date (R3 versions)."""
    cat = ctx.catalog
    domains = sorted(set(cat.domain))
    pools = [np.flatnonzero(cat.domain == d) for d in domains]
    width = max(len(p) for p in pools)
    table = np.array([np.resize(p, width) for p in pools])
    sizes = np.array([len(p) for p in pools])
    which = np.searchsorted(domains, domain)
    general = (rng.random(len(domain)) < GENERAL_SHARE) | (domain == "UMUM")
    which = np.where(general, domains.index("UMUM"), which)[:, None]
    code = table[which, (rng.random((len(domain), CANDIDATES)) * sizes[which]).astype(int)]
    revised = (day >= cat.revision_day)[:, None]
    minutes = np.where(revised, cat.minutes_after[code], cat.minutes_before[code])
    fits = minutes <= target[:, None]
    pick = np.where(fits.any(axis=1), np.argmax(fits, axis=1), np.argmin(minutes, axis=1))
    rows = np.arange(len(domain))
    return code[rows, pick], minutes[rows, pick]


def _quantities(target: np.ndarray, standard: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Units of output worth about ``target`` minutes: whole units (rounded at random so the
    minutes stay unbiased), a share of halves, and part-units where one unit is too long."""
    raw = target / standard
    draw = rng.random(len(raw))
    whole = np.floor(raw) + (rng.random(len(raw)) < raw - np.floor(raw))
    halves = np.floor(raw * 2 + rng.random(len(raw))) / 2
    part = np.maximum(0.25, np.round(raw * 4) / 4)
    quantity = np.select(
        [raw < 1, draw < 0.03, draw < 0.12], [part, np.round(raw, 2), halves], whole
    )
    # Half of the part-unit reports still claim one full unit, as people do.
    quantity = np.where((raw < 1) & (draw < 0.5), 1.0, quantity)
    return np.maximum(quantity, 0.25)


def simulate_reports(
    days: EmployeeDays, att: MonthAttendance, ctx: ReportContext, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reports for one month of employee-days, and the approved quantity per RKAKL output and
    fiscal year (R11) they realise."""
    day_row, group_start, target = _daily_targets(days, att, ctx.personas, rng)
    day, unit = days.day[day_row], days.unit[day_row]
    code, standard = _pick_codes(ctx, ctx.unit_domain[unit], day, target, rng)
    cat = ctx.catalog
    quantity = _quantities(target, standard, rng)
    minutes = np.rint(quantity * standard).astype(np.int64)

    start, end = _time_windows(days, att, day_row, group_start, minutes, ctx, rng)
    columns, created = _review(days, day_row, ctx, rng)
    suffix = rng.integers(0, len(DESCRIPTION_SUFFIXES), len(code))
    evidence = rng.random(len(code)) < ctx.personas.p_evidence[days.emp[day_row]]
    link = np.strings.add(np.strings.add(EVIDENCE_URL, columns["report_id"]), ".pdf")
    columns |= {
        "activity_code": cat.codes[code],
        "quantity": quantity,
        "start_time": start,
        "end_time": end,
        "description": _descriptions(cat)[code * len(DESCRIPTION_SUFFIXES) + suffix],
        "evidence_ref": np.where(evidence, link.astype(object), None),
    }
    # Time-ordered keys, inserted in key order: the primary-key index only ever grows at its end.
    order = np.argsort(created, kind="stable")
    frame = object_frame({name: values[order] for name, values in columns.items()})
    return frame, _realised(columns, cat.output_index[code])


def _daily_targets(
    days: EmployeeDays, att: MonthAttendance, per: Personas, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per report: its employee-day row, the position of that day's first report, and the
    minutes it should be worth (the day's total split at random)."""
    rows, regular = _report_days(att, rng)
    emp = days.emp[rows]
    count = np.where(
        regular,
        rng.choice([1, 2, 3, 4], len(rows), p=[0.12, 0.38, 0.35, 0.15]),
        rng.choice([1, 2], len(rows), p=[0.7, 0.3]),
    )
    total = np.where(
        regular,
        per.daily_minutes[emp] * rng.lognormal(0.0, 0.18, len(rows)),
        rng.uniform(90, 240, len(rows)),
    )
    total = np.where(rng.random(len(rows)) < OVER_CAP_SHARE, total * rng.uniform(2.2, 3.0), total)
    first = np.cumsum(count) - count
    weight = rng.gamma(2.0, size=int(count.sum()))
    share = weight / np.repeat(np.add.reduceat(weight, first), count)
    return np.repeat(rows, count), np.repeat(first, count), np.repeat(total, count) * share


def _realised(columns: dict[str, np.ndarray], output: np.ndarray) -> pd.DataFrame:
    """Approved, not deleted quantity per RKAKL output and fiscal year (R11)."""
    linked = (columns["status"] == "APPROVED") & ~columns["deleted"] & (output >= 0)
    year = columns["activity_date"].astype("datetime64[Y]").astype(int) + 1970
    frame = pd.DataFrame(
        {
            "output_code": np.array(output_codes(), dtype=object)[output[linked]],
            "fiscal_year": year[linked],
            "quantity": columns["quantity"][linked],
        }
    )
    return frame.groupby(["output_code", "fiscal_year"], as_index=False)["quantity"].sum()


def _descriptions(cat: Catalog) -> np.ndarray:
    """Every activity name x suffix combination, computed once per catalogue."""
    return np.array(
        [f"{name} {suffix}".strip() for name in cat.names for suffix in DESCRIPTION_SUFFIXES],
        dtype=object,
    )


def _time_windows(
    days: EmployeeDays,
    att: MonthAttendance,
    day_row: np.ndarray,
    group_start: np.ndarray,
    minutes: np.ndarray,
    ctx: ReportContext,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Optional start/end times: back to back from the first punch (or the schedule start)."""
    n = len(day_row)
    begin = att.first_minute[day_row]
    begin = np.where(begin >= 0, begin, ctx.calendar.start_minute[days.day[day_row]])
    begin = begin + rng.integers(5, 21, n)
    before = np.cumsum(minutes) - minutes
    start = begin + before - before[group_start]
    # A few windows overlap the previous one (R10 integrity flag).
    start = np.where(rng.random(n) < 0.02, np.maximum(0, start - rng.integers(15, 61, n)), start)
    end = np.minimum(start + minutes, 23 * 60 + 59)
    has_times = (rng.random(n) < ctx.personas.p_times[days.emp[day_row]]) & (end > start)
    to_time = np.timedelta64(60, "s")
    nat = np.timedelta64("NaT", "s")
    return (np.where(has_times, start * to_time, nat), np.where(has_times, end * to_time, nat))


def _submission(
    day: np.ndarray, unit: np.ndarray, ctx: ReportContext, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """UTC submission time (same evening or the next day, local), creation time a little
    earlier, and whether it was submitted the next day."""
    n = len(day)
    offset = ctx.unit_offset_hours[unit] * np.timedelta64(3600, "s")
    next_day = rng.random(n) < 0.3
    seconds = np.where(
        next_day,
        86400 + rng.integers(7 * 3600, 21 * 3600, n),
        rng.integers(15 * 3600, 23 * 3600, n),
    )
    submitted = ctx.calendar.dates[day].astype("datetime64[s]") + seconds * SECOND - offset
    created = submitted - rng.integers(60, 1800, n) * SECOND
    return submitted, created, next_day


def _review(
    days: EmployeeDays, day_row: np.ndarray, ctx: ReportContext, rng: np.random.Generator
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Identity, submission, review and status columns (timestamps in UTC), and the Unix
    milliseconds each report was created at."""
    n = len(day_row)
    cal, per = ctx.calendar, ctx.personas
    day, unit = days.day[day_row], days.unit[day_row]
    submitted, created, next_day = _submission(day, unit, ctx, rng)
    draft = rng.random(n) < DRAFT_SHARE

    # Each supervisor reviews with their own lag; a few reviews come very late (R9).
    reviewer = days.supervisor[day_row]
    lag = rng.poisson(per.review_lag[np.maximum(reviewer, 0)])
    lag = np.where(rng.random(n) < LATE_REVIEW_SHARE, lag + rng.integers(11, 21, n), lag)
    review_day = cal.next_workday(day + next_day, lag)
    offset = ctx.unit_offset_hours[unit] * np.timedelta64(3600, "s")
    reviewed = cal.dates[review_day].astype("datetime64[s]") - offset
    reviewed = reviewed + rng.integers(8 * 3600, 17 * 3600, n) * SECOND
    reviewed = np.maximum(reviewed, submitted + rng.integers(600, 7200, n) * SECOND)
    extracted = np.datetime64(ctx.window.extracted_at, "s")
    pending = draft | (rng.random(n) < NEVER_REVIEWED_SHARE) | (reviewed > extracted)
    # The root head has nobody above: their reports count as approved on submission.
    has_reviewer = reviewer >= 0
    pending &= has_reviewer
    rejected = has_reviewer & (
        rng.random(n) < np.where(per.low_performer[days.emp[day_row]], 0.08, 0.04)
    )
    status = np.select([draft, pending, rejected], ["DRAFT", "SUBMITTED", "REJECTED"], "APPROVED")
    reviewed_ok = ~draft & ~pending & has_reviewer
    deleted = rng.random(n) < DELETED_SHARE
    last = np.where(reviewed_ok, reviewed, np.where(draft, created, submitted))
    last = np.where(deleted, last + rng.integers(3600, 3 * 86400, n) * SECOND, last)
    nat = np.datetime64("NaT", "s")
    created_ms = created.astype("datetime64[ms]").astype(np.int64)
    columns = {
        "report_id": time_ordered_uuids(rng, created_ms),
        "nip": ctx.nips[days.emp[day_row]],
        "activity_date": cal.dates[day],
        "status": status,
        "submitted_at": np.where(draft, nat, submitted),
        "reviewed_by": np.where(reviewed_ok, ctx.nips[np.maximum(reviewer, 0)], None),
        "reviewed_at": np.where(reviewed_ok, reviewed, nat),
        "deleted": deleted,
        "updated_at": np.minimum(last, extracted - SECOND),
    }
    return columns, created_ms


REPORT_COLUMNS = (
    "report_id",
    "nip",
    "activity_date",
    "activity_code",
    "quantity",
    "start_time",
    "end_time",
    "description",
    "evidence_ref",
    "status",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "deleted",
    "updated_at",
)
