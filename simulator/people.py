"""Employees (SIMPEG ``employee``): one row per person, with a valid 18-digit NIP.

Roles come first (one head per staffed unit, the rest spread by unit size), then personal data
consistent with the role: heads are senior PNS, CPNS were hired in the last year, a few people
join or leave inside the simulated window.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingestion.contract import GOLONGAN, PPPK_GRADES
from simulator.names import full_names
from simulator.randomness import component_rng
from simulator.work_calendar import Window

# Job class of a unit head by echelon (STRUKTURAL, kelas jabatan 12-17; R4 tukin table).
HEAD_CLASS = {0: 17, 1: 17, 2: 15, 3: 12, 4: 12}
# Golongan index range (into GOLONGAN) a head of each echelon holds.
HEAD_RANK = {0: (14, 16), 1: (14, 16), 2: (12, 15), 3: (10, 12), 4: (9, 11)}
# Non-head job classes: most of a ministry sits in classes 5-9.
PELAKSANA_CLASSES = (np.arange(1, 8), [0.01, 0.02, 0.04, 0.07, 0.26, 0.34, 0.26])
FUNGSIONAL_CLASSES = (
    np.arange(6, 14),
    [0.10, 0.14, 0.30, 0.22, 0.10, 0.08, 0.045, 0.015],
)
STATUS_SHARES = {"PNS": 0.775, "CPNS": 0.06, "PPPK": 0.165}  # heads are PNS: ~80/5/15 overall
JOIN_LEAVE_SHARE = 0.01
DAY = np.timedelta64(1, "D")


def staffed_unit_order(units: pd.DataFrame) -> np.ndarray:
    """Active units in the order they get staff when there are fewer people than units:
    root and eselon I, then head-office eselon II interleaved with UPTs (WITA, WIT, WIB in
    turn, so small demos still span three time zones), then the smaller sub-units."""
    active = units[units["active"]]
    top = active[active["echelon"] <= 1]["unit_idx"].tolist()
    parent_kind = active["parent_idx"].map(units["unit_kind"])
    pusat = active[(active["unit_kind"] == "PUSAT") & (active["echelon"] == 2)]
    upt = active[(active["unit_kind"] == "UPT") & (parent_kind != "UPT")]
    by_zone = [
        upt[upt["timezone"] == zone]["unit_idx"].tolist()
        for zone in ("Asia/Makassar", "Asia/Jayapura", "Asia/Jakarta")
    ]
    upt_order = [u for group in _round_robin(by_zone) for u in group]
    middle = [u for pair in _round_robin([pusat["unit_idx"].tolist(), upt_order]) for u in pair]
    rest = [u for u in active["unit_idx"] if u not in set(top) | set(middle)]
    return np.array(top + middle + rest, dtype=int)


def _round_robin(lists: list[list[int]]) -> list[list[int]]:
    longest = max((len(values) for values in lists), default=0)
    return [[values[i] for values in lists if i < len(values)] for i in range(longest)]


def build_employees(units: pd.DataFrame, n: int, window: Window, seed: int) -> pd.DataFrame:
    """``n`` employees: contract columns of ``employee`` plus ``emp_idx``, ``unit_idx``,
    ``is_head``, ``position_kind``, ``job_class``, ``female``, ``joiner``, ``leaver``."""
    if n < 1:
        raise ValueError("employees must be >= 1")
    rng = component_rng(seed, "employee")
    order = staffed_unit_order(units)
    staffed = order[: min(len(order), max(min(n, 6), n // 5))]
    weights = units["weight"].to_numpy()[staffed]
    members = rng.choice(staffed, size=n - len(staffed), p=weights / weights.sum())
    frame = pd.DataFrame(
        {
            "unit_idx": np.concatenate((staffed, np.sort(members))),
            "is_head": np.arange(n) < len(staffed),
        }
    )
    frame["emp_idx"] = np.arange(n)
    frame["echelon"] = units["echelon"].to_numpy()[frame["unit_idx"]]
    _draw_roles(frame, units, rng)
    _draw_dates(frame, window, rng)
    _draw_ranks(frame, window, rng)
    female = frame["female"].to_numpy()
    doctor = np.where(frame["is_head"] & (frame["echelon"] <= 1), 0.3, 0.004)
    frame["full_name"] = full_names(rng, female, frame["job_class"].to_numpy(), doctor)
    frame["sex"] = np.where(female, "P", "L")
    frame["nip"] = _nips(frame, rng)
    frame["updated_at"] = _updated_at(frame, window, rng)
    return frame


def _draw_roles(frame: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator) -> None:
    n = len(frame)
    head = frame["is_head"].to_numpy()
    status = rng.choice(list(STATUS_SHARES), size=n, p=list(STATUS_SHARES.values()))
    status[head] = "PNS"
    candidates = np.flatnonzero(~head)
    n_moves = int(round(JOIN_LEAVE_SHARE * n)) or (1 if n >= 30 else 0)
    picked = rng.permutation(candidates)[: 2 * n_moves]
    joiner, leaver = np.zeros(n, bool), np.zeros(n, bool)
    joiner[picked[:n_moves]] = True
    leaver[picked[n_moves:]] = True
    status[joiner] = rng.choice(["CPNS", "PPPK"], size=int(joiner.sum()))

    fungsional_share = np.select([status == "PPPK", status == "CPNS"], [0.6, 0.5], 0.42)
    kind = np.where(rng.random(n) < fungsional_share, "FUNGSIONAL", "PELAKSANA")
    kind[head] = "STRUKTURAL"
    job_class = np.where(
        kind == "FUNGSIONAL",
        rng.choice(FUNGSIONAL_CLASSES[0], size=n, p=FUNGSIONAL_CLASSES[1]),
        rng.choice(PELAKSANA_CLASSES[0], size=n, p=PELAKSANA_CLASSES[1]),
    )
    job_class = np.where(status == "CPNS", np.minimum(job_class, 8), job_class)
    upt_head = head & (units["unit_kind"].to_numpy()[frame["unit_idx"]] == "UPT")
    head_class = frame["echelon"].map(HEAD_CLASS).to_numpy() - (upt_head & (frame["echelon"] == 2))
    frame["employment_status"] = status
    frame["position_kind"] = kind
    frame["job_class"] = np.where(head, head_class, job_class).astype(int)
    frame["joiner"], frame["leaver"] = joiner, leaver
    frame["female"] = rng.random(n) < np.where(head, 0.3, 0.47)


def _months_before(day: np.datetime64, months: np.ndarray) -> np.ndarray:
    """First day of the month ``months`` months before the month of ``day``."""
    return (day.astype("datetime64[M]") - months.astype(int)).astype("datetime64[D]")


def _draw_dates(frame: pd.DataFrame, window: Window, rng: np.random.Generator) -> None:
    """Birth, appointment (NIP yyyymm), hire and exit dates."""
    n = len(frame)
    start = np.datetime64(window.first_day, "D")
    window_days = (window.last_day - window.first_day).days + 1
    status = frame["employment_status"].to_numpy()
    head, echelon = frame["is_head"].to_numpy(), frame["echelon"].to_numpy()
    age = np.select(
        [head & (echelon <= 1), head & (echelon == 2), head, status == "CPNS", status == "PPPK"],
        [
            rng.uniform(50, 58, n),
            rng.uniform(45, 57.5, n),
            rng.uniform(36, 56, n),
            rng.uniform(22, 33, n),
            rng.uniform(24, 52, n),
        ],
        rng.triangular(24, 38, 57.5, n),
    )
    birth = start - (age * 365.25).astype(int) * DAY
    # CPNS entry age is at most 35; PNS need at least two years of service.
    appointed_at_age = rng.uniform(22, np.clip(age - 2, 22.5, 35))
    pns_hire = (birth + (appointed_at_age * 365.25).astype(int) * DAY).astype("datetime64[M]")
    hire_month = np.select(
        [status == "CPNS", status == "PPPK"],
        [
            _months_before(start, rng.integers(1, 13, n)),
            _months_before(start, rng.integers(1, 49, n)),
        ],
        pns_hire.astype("datetime64[D]"),
    )
    late_in_month = np.where(rng.random(n) < 0.15, rng.integers(1, 27, n), 0) * DAY
    hire = hire_month + np.where(status == "PNS", late_in_month, 0 * DAY)
    joiner, leaver = frame["joiner"].to_numpy(), frame["leaver"].to_numpy()
    # Joiners start mid-month inside the window; leavers exit inside it (assignment ends the day
    # before exit_date).
    joined = start + rng.integers(1, max(2, window_days - 3), n) * DAY
    weekday = (joined.astype(int) + 3) % 7  # 0 = Monday; a Saturday/Sunday start moves to Monday
    joined = joined + np.where(weekday >= 5, 7 - weekday, 0) * DAY
    hire = np.where(joiner, joined, hire)
    exit_day = start + rng.integers(min(7, window_days - 1), window_days, n) * DAY
    frame["birth_date"] = birth
    frame["hire_date"] = hire
    frame["exit_date"] = np.where(leaver, exit_day, np.datetime64("NaT"))


def _draw_ranks(frame: pd.DataFrame, window: Window, rng: np.random.Generator) -> None:
    """Golongan for PNS/CPNS, PPPK grade, and the TMT of the current rank."""
    n = len(frame)
    start = np.datetime64(window.first_day, "D")
    status, job_class = frame["employment_status"].to_numpy(), frame["job_class"].to_numpy()
    hire = frame["hire_date"].to_numpy().astype("datetime64[D]")
    years = (start - hire).astype(int) / 365.25
    entry = np.select(
        [job_class >= 8, job_class >= 6],
        [np.full(n, 8), np.where(rng.random(n) < 0.6, 6, 8)],
        np.where(rng.random(n) < 0.7, 4, 6),
    )
    steps = np.where(status == "PNS", np.floor(np.maximum(years, 0) / 4), 0).astype(int)
    idx = np.minimum(entry + steps, np.where(job_class >= 11, 13, 11))
    head_lo = frame["echelon"].map(lambda e: HEAD_RANK[e][0]).to_numpy()
    head_hi = frame["echelon"].map(lambda e: HEAD_RANK[e][1]).to_numpy()
    idx = np.where(frame["is_head"], np.clip(entry + steps, head_lo, head_hi), idx)
    pppk = np.select(
        [job_class >= 11, job_class >= 9, job_class == 8, job_class == 7, job_class >= 5],
        [10, 9, 8, 6, np.where(rng.random(n) < 0.5, 4, 6)],
        4,
    )
    frame["rank_grade"] = np.where(
        status == "PPPK", np.array(PPPK_GRADES)[pppk], np.array(GOLONGAN)[idx]
    )
    # Regular promotions take effect on 1 April or 1 October.
    back = _months_before(start, rng.integers(1, 67, n)).astype("datetime64[M]")
    month_of_year = back.astype(int) % 12
    snapped = back - np.where(
        month_of_year >= 9,
        month_of_year - 9,
        np.where(month_of_year >= 3, month_of_year - 3, month_of_year + 3),
    )
    promoted = np.maximum(snapped.astype("datetime64[D]"), hire)
    frame["rank_since"] = np.where((status == "PNS") & (steps > 0), promoted, hire)


def _nips(frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """birth yyyymmdd + appointment yyyymm + sex (1 male, 2 female) + 3-digit sequence."""
    birth = pd.to_datetime(frame["birth_date"]).dt.strftime("%Y%m%d")
    appointed = pd.to_datetime(frame["hire_date"]).dt.strftime("%Y%m")
    prefix = birth + appointed + np.where(frame["female"], "2", "1")
    base = pd.Series(rng.integers(1, 900, len(frame)), index=frame.index)
    seq = base.groupby(prefix).transform("first") + prefix.groupby(prefix).cumcount()
    return (prefix + seq.map("{:03d}".format)).to_numpy()


def _updated_at(frame: pd.DataFrame, window: Window, rng: np.random.Generator) -> np.ndarray:
    """Last edit of the SIMPEG record (UTC): mostly before the window, at exit for leavers."""
    extracted = np.datetime64(window.extracted_at, "s")
    n = len(frame)
    edited = extracted - rng.integers(2 * 86400, 420 * 86400, n) * np.timedelta64(1, "s")
    hire = frame["hire_date"].to_numpy().astype("datetime64[s]")
    exit_at = frame["exit_date"].to_numpy().astype("datetime64[s]") + np.timedelta64(9, "h")
    edited = np.maximum(edited, hire - np.timedelta64(3, "D"))
    edited = np.where(frame["leaver"], exit_at, edited)
    return np.minimum(edited, extracted - np.timedelta64(1, "h"))


EMPLOYEE_COLUMNS = (
    "nip",
    "full_name",
    "sex",
    "birth_date",
    "employment_status",
    "rank_grade",
    "rank_since",
    "hire_date",
    "exit_date",
    "updated_at",
)
