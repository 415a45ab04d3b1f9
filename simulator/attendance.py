"""Attendance behaviour -> device punches, one month at a time.

Grain of the working frame: one row per employee per calendar day on which they hold an
assignment (the R2 grain, plus non-workdays for overtime). Output: the punch rows the devices
export (device-local time, R1 schedules in the unit's zone) and each day's status for the
activity generator. Everything is vectorised over employee-days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.devices import Devices
from simulator.frames import object_frame
from simulator.leave import AWAY, FREE, ON_LEAVE, ON_TRAVEL
from simulator.personas import Personas
from simulator.work_calendar import Calendar

# Day status codes (what the warehouse should conclude under R2).
NONE, PRESENT, ABSENT, LEAVE, TRAVEL, OVERTIME = 0, 1, 2, 3, 4, 5
OVERTIME_SHARE = 0.004  # of free non-workdays with a weekend/holiday visit
DOUBLE_PUNCH_SHARE = 0.03  # punches repeated within 60 s (R2 merges them)
OTHER_DEVICE_SHARE = 0.08  # punches on another device of the same building
OTHER_MODE_SHARE = 0.10
WRONG_STATE_SHARE = 0.10  # SOURCES.md: punch_state is unreliable
# The modes the CSV export writes (SOURCES.md). The contract's VERIFY_MODES also holds what only a
# ZKTeco log gives (password, other): the simulator draws from its own list so that the contract
# accepting more never changes the punches a seed gives.
VERIFY_MODES = ("FINGER", "FACE", "CARD", "MOBILE")


@dataclass(frozen=True)
class EmployeeDays:
    """One row per employee per day holding an assignment, within one month."""

    emp: np.ndarray
    day: np.ndarray  # window day index
    unit: np.ndarray
    supervisor: np.ndarray  # emp_idx of the supervisor, -1 for none


@dataclass(frozen=True)
class MonthAttendance:
    punches: pd.DataFrame  # device export rows (contract columns)
    status: np.ndarray  # per employee-day: NONE, PRESENT, ABSENT, LEAVE, TRAVEL, OVERTIME
    first_minute: np.ndarray  # per employee-day: local minute of the first punch, -1 if none


def employee_days(assignments: pd.DataFrame, day_lo: int, day_hi: int) -> EmployeeDays:
    """Expand assignments to employee-days for window days ``day_lo`` .. ``day_hi``."""
    lo = np.maximum(assignments["start_day"].to_numpy(), day_lo)
    hi = np.minimum(assignments["end_day"].to_numpy(), day_hi)
    keep = hi >= lo
    lo, hi = lo[keep], hi[keep]
    lengths = hi - lo + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)

    def spread(column: str) -> np.ndarray:
        return np.repeat(assignments[column].to_numpy()[keep], lengths)

    return EmployeeDays(
        emp=spread("emp_idx"),
        day=np.repeat(lo, lengths) + offsets,
        unit=spread("unit_idx"),
        supervisor=spread("supervisor_idx"),
    )


def day_status(
    days: EmployeeDays,
    calendar: Calendar,
    effects: np.ndarray,
    day_lo: int,
    personas: Personas,
    rng: np.random.Generator,
) -> np.ndarray:
    """R2 precedence from the person's side: leave, then presence, else TK."""
    workday = calendar.is_workday[days.day]
    effect = effects[days.emp, days.day - day_lo]
    absent = rng.random(len(days.emp)) < personas.p_absent[days.emp]
    overtime = rng.random(len(days.emp)) < OVERTIME_SHARE
    return np.select(
        [
            workday & (effect == ON_LEAVE),
            workday & (effect == ON_TRAVEL),
            workday & ((effect == AWAY) | ((effect == FREE) & absent)),
            workday & (effect == FREE),
            ~workday & (effect == FREE) & overtime,
        ],
        [LEAVE, TRAVEL, ABSENT, PRESENT, OVERTIME],
        NONE,
    ).astype(np.int8)


def _clock(
    days: EmployeeDays,
    rows: np.ndarray,
    calendar: Calendar,
    personas: Personas,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Arrival and departure minutes on present workdays, against the R1 schedule."""
    emp, day = days.emp[rows], days.day[rows]
    start, end = calendar.start_minute[day], calendar.end_minute[day]
    n = len(rows)
    late = rng.random(n) < personas.p_late[emp]
    late_by = np.clip(np.ceil(rng.exponential(personas.late_mean[emp])), 1, 180)
    # On time means 1-45 minutes before the start (06:45-07:29 on a normal day).
    arrive = np.where(late, start + late_by, start - rng.integers(1, 46, n))
    early = rng.random(n) < personas.p_early[emp]
    early_by = np.clip(np.ceil(rng.exponential(personas.early_mean[emp])), 1, 180)
    stay = np.minimum(np.floor(rng.exponential(25.0, n)), 150)
    depart = np.where(early, end - early_by, end + stay)
    return arrive.astype(np.int32), depart.astype(np.int32)


def _punch_moments(
    days: EmployeeDays,
    status: np.ndarray,
    calendar: Calendar,
    personas: Personas,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per punch: its employee-day row, local minute and intended state (0 in, 1 out); and per
    employee-day the minute of the first punch (-1 if none). Some people forget one punch."""
    present = np.flatnonzero(status == PRESENT)
    arrive, depart = _clock(days, present, calendar, personas, rng)
    forgot = rng.random(len(present)) < personas.p_forget[days.emp[present]]
    kept_in = ~(forgot & (rng.random(len(present)) < 0.5))
    kept_out = ~forgot | ~kept_in

    extra = np.flatnonzero(status == OVERTIME)
    extra_in = 8 * 60 + rng.integers(0, 121, len(extra))
    extra_out = extra_in + rng.integers(180, 361, len(extra))

    rows = np.concatenate((present[kept_in], present[kept_out], extra, extra))
    minute = np.concatenate((arrive[kept_in], depart[kept_out], extra_in, extra_out))
    state = np.repeat(
        np.array([0, 1, 0, 1], dtype=np.int8),
        [kept_in.sum(), kept_out.sum(), len(extra), len(extra)],
    )
    first_minute = np.full(len(status), -1, dtype=np.int32)
    first_minute[present[kept_in]] = arrive[kept_in]
    first_minute[extra] = extra_in
    return rows, minute, state, first_minute


def simulate_attendance(
    days: EmployeeDays,
    calendar: Calendar,
    effects: np.ndarray,
    day_lo: int,
    personas: Personas,
    devices: Devices,
    nips: np.ndarray,
    rng: np.random.Generator,
) -> MonthAttendance:
    """Statuses and punches for one month of employee-days."""
    status = day_status(days, calendar, effects, day_lo, personas, rng)
    rows, minute, state, first_minute = _punch_moments(days, status, calendar, personas, rng)
    second = minute.astype(np.int64) * 60 + rng.integers(0, 60, len(rows))

    device = _pick_device(days, rows, personas, devices, rng)
    mode = personas.verify_mode[days.emp[rows]]
    other_mode = rng.random(len(rows)) < OTHER_MODE_SHARE
    mode = np.where(other_mode, rng.integers(0, len(VERIFY_MODES), len(rows)), mode)
    state = np.where(rng.random(len(rows)) < WRONG_STATE_SHARE, 1 - state, state)

    # A second touch within 60 seconds, on the same device (R2 merges these).
    double = np.flatnonzero(rng.random(len(rows)) < DOUBLE_PUNCH_SHARE)
    rows = np.concatenate((rows, rows[double]))
    second = np.concatenate((second, second[double] + rng.integers(1, 60, len(double))))
    device = np.concatenate((device, device[double]))
    mode = np.concatenate((mode, mode[double]))
    state = np.concatenate((state, state[double]))

    stamp = calendar.dates[days.day[rows]].astype("datetime64[s]") + second.astype("timedelta64[s]")
    punches = object_frame(
        {
            "device_sn": devices.device_sn[device],
            "pin": nips[days.emp[rows]],
            "punch_time": stamp,
            "verify_mode": np.array(VERIFY_MODES, dtype=object)[mode],
            "punch_state": state.astype(np.int64),
        }
    )
    return MonthAttendance(punches, status, first_minute)


def _pick_device(
    days: EmployeeDays,
    rows: np.ndarray,
    personas: Personas,
    devices: Devices,
    rng: np.random.Generator,
) -> np.ndarray:
    """The person's usual device in their building, sometimes another one there."""
    unit = days.unit[rows]
    first, count = devices.first[unit], devices.count[unit]
    if (count <= 0).any():
        raise RuntimeError("a staffed unit has no device in its line of ancestors")
    usual = personas.home_device[days.emp[rows]] % count
    other = (rng.random(len(rows)) * count).astype(np.int64)
    return first + np.where(rng.random(len(rows)) < OTHER_DEVICE_SHARE, other, usual)
