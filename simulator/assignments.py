"""Position history (SIMPEG ``position_assignment``): one row per employee and position held.

Everyone holds one assignment covering the window (``end_date`` null); joiners start on their
hire date, leavers end the day before ``exit_date``, and a small share transfers to another unit
mid-window (the old assignment ends the day before the new one starts: never overlapping).
The supervisor is the unit's head; a head reports to the nearest head above.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.org_tree import ancestor_or_self
from simulator.randomness import component_rng
from simulator.work_calendar import Window

TRANSFER_SHARE = 0.02
NO_END = np.iinfo(np.int32).max

_FUNGSIONAL_BY_DOMAIN = {
    "REHSOS": ("Pekerja Sosial", "Penyuluh Sosial", "Psikolog Klinis"),
    "LINJAMSOS": ("Pekerja Sosial", "Penyuluh Sosial", "Analis Kebijakan"),
    "DAYASOS": ("Penyuluh Sosial", "Pekerja Sosial"),
    "AUDIT": ("Auditor",),
    "KEU": ("Analis Pengelolaan Keuangan APBN", "Pranata Keuangan APBN"),
    "SDM": ("Analis Sumber Daya Manusia Aparatur", "Pranata Sumber Daya Manusia Aparatur"),
    "REN": ("Perencana", "Analis Kebijakan"),
    "DATA": ("Pranata Komputer", "Statistisi"),
    "DIKLAT": ("Widyaiswara", "Pengembang Teknologi Pembelajaran"),
    "UMUM": ("Arsiparis", "Analis Kebijakan", "Pranata Hubungan Masyarakat", "Analis Hukum"),
}
_PELAKSANA_SENIOR = ("Penelaah Teknis Kebijakan", "Penata Layanan Operasional")
_PELAKSANA_JUNIOR = (
    "Pengadministrasi Perkantoran",
    "Pengolah Data dan Informasi",
    "Operator Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Pengadministrasi Keuangan",
    "Pengelola Umum Operasional",
)


def _level(job_class: int) -> str:
    """Jenjang of a functional position from its job class (kelas jabatan)."""
    if job_class <= 6:
        return "Terampil"
    if job_class == 7:
        return "Mahir"
    if job_class == 8:
        return "Ahli Pertama"
    if job_class <= 10:
        return "Ahli Muda"
    return "Ahli Madya" if job_class <= 12 else "Ahli Utama"


def position_titles(
    employees: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator
) -> list[str]:
    """Title of each employee's position, from kind, job class and the unit's domain."""
    domain = units["domain"].to_numpy()[employees["unit_idx"]]
    head_title = units["head_title"].to_numpy()[employees["unit_idx"]]
    picks = rng.integers(0, 1 << 30, len(employees))
    titles = []
    for kind, job_class, dom, head, pick in zip(
        employees["position_kind"],
        employees["job_class"],
        domain,
        head_title,
        picks,
        strict=True,
    ):
        if kind == "STRUKTURAL":
            titles.append(head)
        elif kind == "FUNGSIONAL":
            names = _FUNGSIONAL_BY_DOMAIN[dom]
            titles.append(f"{names[pick % len(names)]} {_level(job_class)}")
        else:
            names = _PELAKSANA_SENIOR if job_class >= 7 else _PELAKSANA_JUNIOR
            titles.append(names[pick % len(names)])
    return titles


def build_assignments(
    employees: pd.DataFrame, units: pd.DataFrame, window: Window, seed: int
) -> pd.DataFrame:
    """Contract columns of ``position_assignment`` plus ``emp_idx``, ``unit_idx``,
    ``supervisor_idx`` (-1: none), ``start_day``, ``end_day`` (window day indices)."""
    rng = component_rng(seed, "position_assignment")
    n = len(employees)
    start = np.datetime64(window.first_day, "D")
    hire = employees["hire_date"].to_numpy().astype("datetime64[D]")
    # The current position took effect on the 1st of a month within the last six years.
    since = (start.astype("datetime64[M]") - rng.integers(1, 73, n)).astype("datetime64[D]")
    begin = np.where(employees["joiner"], hire, np.maximum(since, hire))
    end = employees["exit_date"].to_numpy().astype("datetime64[D]") - np.timedelta64(1, "D")
    base = pd.DataFrame(
        {
            "emp_idx": employees["emp_idx"].to_numpy(),
            "unit_idx": employees["unit_idx"].to_numpy(),
            "position_title": position_titles(employees, units, rng),
            "position_kind": employees["position_kind"].to_numpy(),
            "job_class": employees["job_class"].to_numpy(),
            "start_date": begin,
            "end_date": end,
        }
    )

    frame = _with_transfers(base, employees, units, window, rng)
    frame["supervisor_idx"] = _supervisors(frame, employees, units)
    nip = employees["nip"].to_numpy()
    frame["nip"] = nip[frame["emp_idx"]]
    frame["unit_id"] = units["unit_id"].to_numpy()[frame["unit_idx"]]
    sup = frame["supervisor_idx"].to_numpy()
    frame["supervisor_nip"] = np.where(sup >= 0, nip[np.maximum(sup, 0)], None)
    frame = frame.sort_values(["nip", "start_date"], ignore_index=True)
    frame["assignment_id"] = np.arange(1, len(frame) + 1, dtype=np.int64)
    start_days = frame["start_date"].to_numpy().astype("datetime64[D]")
    frame["start_day"] = (start_days - start).astype(int)
    end_days = frame["end_date"].to_numpy().astype("datetime64[D]")
    frame["end_day"] = np.where(np.isnat(end_days), NO_END, (end_days - start).astype(int))
    frame["updated_at"] = _updated_at(frame, window, rng)
    return frame


def _with_transfers(
    base: pd.DataFrame,
    employees: pd.DataFrame,
    units: pd.DataFrame,
    window: Window,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Move a few staff (not heads, joiners or leavers) to another staffed unit mid-window: the
    old assignment ends the day before the new one starts."""
    n = len(employees)
    start = np.datetime64(window.first_day, "D")
    window_days = (window.last_day - window.first_day).days + 1
    staffed = np.unique(employees.loc[employees["is_head"], "unit_idx"])
    movable = np.flatnonzero(
        ~(employees["is_head"] | employees["joiner"] | employees["leaver"]).to_numpy()
    )
    n_moves = int(round(TRANSFER_SHARE * n)) or (1 if n >= 50 else 0)
    if len(staffed) < 2 or window_days < 20:
        n_moves = 0
    movers = np.sort(rng.permutation(movable)[:n_moves])
    moved_on = start + rng.integers(10, window_days - 4, len(movers)) * np.timedelta64(1, "D")
    weights = units["weight"].to_numpy()[staffed]
    new_unit = rng.choice(staffed, size=len(movers), p=weights / weights.sum())
    same = new_unit == base["unit_idx"].to_numpy()[movers]
    new_unit[same] = staffed[(np.searchsorted(staffed, new_unit[same]) + 1) % len(staffed)]
    after = base.iloc[movers].assign(unit_idx=new_unit, start_date=moved_on)
    base.loc[movers, "end_date"] = moved_on - np.timedelta64(1, "D")
    return pd.concat([base, after], ignore_index=True)


def _supervisors(frame: pd.DataFrame, employees: pd.DataFrame, units: pd.DataFrame) -> np.ndarray:
    heads = employees[employees["is_head"]]
    head_of = np.full(len(units), -1)
    head_of[heads["unit_idx"].to_numpy()] = heads["emp_idx"].to_numpy()
    parent = units["parent_idx"].to_numpy()
    nearest = ancestor_or_self(parent, head_of >= 0)
    above = np.where(parent >= 0, nearest[np.maximum(parent, 0)], -1)
    head_above = np.where(above >= 0, head_of[np.maximum(above, 0)], -1)
    unit = frame["unit_idx"].to_numpy()
    is_head = employees["is_head"].to_numpy()[frame["emp_idx"]]
    return np.where(is_head, head_above[unit], head_of[unit])


def _updated_at(frame: pd.DataFrame, window: Window, rng: np.random.Generator) -> np.ndarray:
    """Entered in SIMPEG within two weeks before the decree's effective (or end) date."""
    extracted = np.datetime64(window.extracted_at, "s")
    start = frame["start_date"].to_numpy().astype("datetime64[s]")
    end = frame["end_date"].to_numpy().astype("datetime64[s]")
    anchor = np.where(np.isnat(end), start, end)
    lead = rng.integers(3600, 14 * 86400, len(frame)) * np.timedelta64(1, "s")
    return np.minimum(anchor - lead, extracted - np.timedelta64(1, "h"))


ASSIGNMENT_COLUMNS = (
    "assignment_id",
    "nip",
    "unit_id",
    "position_title",
    "position_kind",
    "job_class",
    "supervisor_nip",
    "start_date",
    "end_date",
    "updated_at",
)
