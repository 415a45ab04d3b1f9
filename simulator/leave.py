"""Leave and official-travel requests (app ``leave_request``): one row per request.

Types and their effect follow RULES.md R2 (leave codes) and R4 (leave factors): short annual and
sick leave are common, official travel (DINAS_LUAR) fairly common, long leave rare. Requests of
one person never overlap. Only APPROVED requests keep a person away from the devices; a REJECTED
request means the person stayed away anyway (a TK day); PENDING and CANCELLED change nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.randomness import component_rng
from simulator.work_calendar import Calendar, Window

# type -> (requests per person-month, length kind, lengths, length weights)
# "W" lengths count workdays, "D" calendar days.
LEAVE_TYPES: dict[str, tuple[float, str, tuple[int, ...], tuple[float, ...]]] = {
    "CUTI_TAHUNAN": (0.30, "W", (1, 2, 3, 4, 5), (0.35, 0.25, 0.15, 0.10, 0.15)),
    "CUTI_SAKIT": (
        0.12,
        "W",
        (1, 2, 3, 5, 8, 12, 15, 20),
        (0.45, 0.28, 0.13, 0.06, 0.04, 0.03, 0.006, 0.004),
    ),
    "DINAS_LUAR": (0.28, "W", (2, 3, 4, 5), (0.35, 0.3, 0.2, 0.15)),
    "CUTI_BESAR": (0.002, "W", (22, 44, 66), (0.5, 0.3, 0.2)),
    "CUTI_MELAHIRKAN": (0.012, "D", (90,), (1.0,)),  # female employees under 42 only
    "CUTI_ALASAN_PENTING": (0.015, "W", (1, 2, 3, 5, 10), (0.3, 0.3, 0.2, 0.1, 0.1)),
    "CUTI_DILUAR_TANGGUNGAN_NEGARA": (0.0004, "D", (91, 182, 365), (0.4, 0.4, 0.2)),
}
STATUSES = ("APPROVED", "PENDING", "REJECTED", "CANCELLED")
STATUS_SHARES = (0.86, 0.05, 0.04, 0.05)
LONG_STATUS_SHARES = (0.97, 0.01, 0.01, 0.01)
_DOC_PREFIX = {
    "CUTI_TAHUNAN": "CT",
    "CUTI_SAKIT": "CS",
    "CUTI_BESAR": "CB",
    "CUTI_MELAHIRKAN": "CM",
    "CUTI_ALASAN_PENTING": "CAP",
    "CUTI_DILUAR_TANGGUNGAN_NEGARA": "CLTN",
    "DINAS_LUAR": "ST",
}

# Day effect codes, used by attendance and activities.
FREE, ON_LEAVE, ON_TRAVEL, AWAY = 0, 1, 2, 3


def build_leave(
    employees: pd.DataFrame,
    assignments: pd.DataFrame,
    calendar: Calendar,
    window: Window,
    seed: int,
) -> pd.DataFrame:
    """Contract columns of ``leave_request`` plus ``emp_idx``, ``start_day``, ``end_day``."""
    rng = component_rng(seed, "leave_request")
    first_day, last_day = _employment_days(assignments, len(employees), calendar.window_days)
    months = len(window.months)
    age = (np.datetime64(window.first_day) - employees["birth_date"].to_numpy()).astype(
        "timedelta64[D]"
    ).astype(int) / 365.25
    can_give_birth = employees["female"].to_numpy() & (age < 42)
    frames = []
    for leave_type, (rate, unit, lengths, weights) in LEAVE_TYPES.items():
        rates = np.full(len(employees), rate * months)
        if leave_type == "CUTI_MELAHIRKAN":
            rates = np.where(can_give_birth, rates, 0.0)
        counts = rng.poisson(rates)
        emp = np.repeat(np.arange(len(employees)), counts)
        length = rng.choice(lengths, size=len(emp), p=weights)
        frames.append(
            pd.DataFrame(
                {
                    "emp_idx": emp,
                    "leave_type": leave_type,
                    "unit": unit,
                    "length": length,
                    "draw": rng.random(len(emp)),
                }
            )
        )
    leave = pd.concat(frames, ignore_index=True)
    leave = _place(leave, first_day, last_day, calendar)
    leave = _drop_overlaps(leave)
    return _finish(leave, employees, window, rng)


def _employment_days(
    assignments: pd.DataFrame, n: int, window_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per employee, the first and last window day index with an assignment."""
    first = np.full(n, window_days)
    last = np.full(n, -1)
    np.minimum.at(first, assignments["emp_idx"].to_numpy(), assignments["start_day"].to_numpy())
    np.maximum.at(last, assignments["emp_idx"].to_numpy(), assignments["end_day"].to_numpy())
    return np.maximum(first, 0), np.minimum(last, window_days - 1)


def _place(
    leave: pd.DataFrame, first_day: np.ndarray, last_day: np.ndarray, calendar: Calendar
) -> pd.DataFrame:
    """Start on a workday of the person's employment inside the window; end by length."""
    work_idx = np.flatnonzero(calendar.is_workday)
    emp = leave["emp_idx"].to_numpy()
    lo = np.searchsorted(work_idx, first_day[emp])
    hi = np.searchsorted(work_idx, last_day[emp], side="right")
    ok = hi > lo
    leave, lo, hi, emp = leave[ok], lo[ok], hi[ok], emp[ok]
    pick = lo + (leave["draw"].to_numpy() * (hi - lo)).astype(int)
    start = work_idx[pick]
    length = leave["length"].to_numpy()
    by_workdays = work_idx[np.minimum(pick + length - 1, len(work_idx) - 1)]
    end = np.where(leave["unit"].to_numpy() == "W", by_workdays, start + length - 1)
    # Leave ends with the employment; a request past the window end is fine (approved ahead).
    end = np.where(last_day[emp] < calendar.window_days - 1, np.minimum(end, last_day[emp]), end)
    return leave.assign(start_day=start, end_day=end).sort_values(
        ["emp_idx", "start_day", "leave_type"], ignore_index=True
    )


def _drop_overlaps(leave: pd.DataFrame) -> pd.DataFrame:
    """Keep a request only if it starts after every earlier request of the person has ended."""
    emp = leave["emp_idx"].to_numpy().astype(np.int64)
    # Rows are sorted by person: offsetting each person's days puts them above all earlier
    # people's, so one global running maximum is a per-person running maximum.
    stride = int(leave["end_day"].max() if len(leave) else 0) + 2
    running = np.maximum.accumulate(leave["end_day"].to_numpy() + emp * stride) - emp * stride
    previous = np.concatenate(([-1], running[:-1]))
    same_person = np.concatenate(([False], emp[1:] == emp[:-1]))
    previous_end = np.where(same_person, previous, -1)
    return leave[leave["start_day"].to_numpy() > previous_end].reset_index(drop=True)


def _finish(
    leave: pd.DataFrame, employees: pd.DataFrame, window: Window, rng: np.random.Generator
) -> pd.DataFrame:
    n = len(leave)
    long_leave = (
        leave["leave_type"]
        .isin(["CUTI_BESAR", "CUTI_MELAHIRKAN", "CUTI_DILUAR_TANGGUNGAN_NEGARA"])
        .to_numpy()
    )
    status = np.where(
        long_leave,
        rng.choice(STATUSES, size=n, p=LONG_STATUS_SHARES),
        rng.choice(STATUSES, size=n, p=STATUS_SHARES),
    )
    first = np.datetime64(window.first_day, "D")
    start = first + leave["start_day"].to_numpy() * np.timedelta64(1, "D")
    end = first + leave["end_day"].to_numpy() * np.timedelta64(1, "D")
    # Requested 1-14 days ahead (sick leave: filed on the day); decided a little later.
    lead = np.where(leave["leave_type"] == "CUTI_SAKIT", 0, rng.integers(1, 15, n))
    requested = start.astype("datetime64[s]") - lead * np.timedelta64(1, "D")
    decided = requested + rng.integers(2 * 3600, 3 * 86400, n) * np.timedelta64(1, "s")
    extracted = np.datetime64(window.extracted_at, "s")
    updated = np.where(status == "PENDING", requested, decided)
    updated = np.minimum(
        updated + rng.integers(0, 3600, n) * np.timedelta64(1, "s"),
        extracted - np.timedelta64(1, "h"),
    )
    serial = rng.integers(1, 99999, n)
    month = requested.astype("datetime64[M]").astype(int)
    number = np.array(
        [
            None
            if state == "PENDING"
            else f"{_DOC_PREFIX[kind]}-{seq:05d}/KP.08.03/{m % 12 + 1:02d}/{m // 12 + 1970}"
            for kind, seq, m, state in zip(leave["leave_type"], serial, month, status, strict=True)
        ],
        dtype=object,
    )
    leave = leave.assign(
        nip=employees["nip"].to_numpy()[leave["emp_idx"]],
        start_date=start,
        end_date=end,
        status=status,
        document_number=number,
        updated_at=updated,
    )
    leave = leave.sort_values(["start_date", "nip"], ignore_index=True)
    leave["leave_id"] = np.arange(1, n + 1, dtype=np.int64)
    return leave


def day_effects(
    leave: pd.DataFrame, suspended: pd.DataFrame, n_emp: int, day_lo: int, day_hi: int
) -> np.ndarray:
    """Matrix [emp_idx, day - day_lo] of FREE / ON_LEAVE / ON_TRAVEL / AWAY for days
    ``day_lo`` .. ``day_hi`` (inclusive). Approved leave keeps people off the devices (R2);
    a rejected request or a suspension (PEMBERHENTIAN_SEMENTARA) leaves the day unexplained."""
    width = day_hi - day_lo + 1
    effect = np.zeros((n_emp, width), dtype=np.int8)
    approved = leave["status"] == "APPROVED"
    rejected = leave["status"] == "REJECTED"
    spans = [
        (leave[rejected], AWAY),
        (suspended, AWAY),
        (leave[approved & (leave["leave_type"] != "DINAS_LUAR")], ON_LEAVE),
        (leave[approved & (leave["leave_type"] == "DINAS_LUAR")], ON_TRAVEL),
    ]
    for rows, code in spans:
        lo = np.maximum(rows["start_day"].to_numpy(), day_lo)
        hi = np.minimum(rows["end_day"].to_numpy(), day_hi)
        keep = hi >= lo
        emp, lo, hi = rows["emp_idx"].to_numpy()[keep], lo[keep], hi[keep]
        lengths = hi - lo + 1
        rep_emp = np.repeat(emp, lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        effect[rep_emp, np.repeat(lo, lengths) + offsets - day_lo] = code
    return effect


LEAVE_COLUMNS = (
    "leave_id",
    "nip",
    "leave_type",
    "start_date",
    "end_date",
    "status",
    "document_number",
    "updated_at",
)
