"""Disciplinary sanctions (SIMPEG ``disciplinary_sanction``): one row per decree.

About 0.5% of employees carry a sanction that touches the window; types are the PP 94/2021 codes
of RULES.md R4, durations follow the type (a 6/9/12-month tukin cut lasts 6/9/12 months).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.randomness import component_rng
from simulator.work_calendar import Window

SANCTION_SHARE = 0.005
# R4 codes with their relative frequency and duration in months.
SANCTION_TYPES = {
    "TEGURAN_LISAN": (0.30, 6),
    "TEGURAN_TERTULIS": (0.22, 12),
    "PERNYATAAN_TIDAK_PUAS": (0.14, 12),
    "PEMOTONGAN_TUKIN_6BL": (0.10, 6),
    "PEMOTONGAN_TUKIN_9BL": (0.07, 9),
    "PEMOTONGAN_TUKIN_12BL": (0.06, 12),
    "PENURUNAN_JABATAN": (0.04, 12),
    "PEMBEBASAN_JABATAN": (0.03, 12),
    "PEMBERHENTIAN_SEMENTARA": (0.04, 2),
}
SUSPENSION = "PEMBERHENTIAN_SEMENTARA"


def build_sanctions(employees: pd.DataFrame, window: Window, seed: int) -> pd.DataFrame:
    """Contract columns of ``disciplinary_sanction`` plus ``emp_idx``."""
    rng = component_rng(seed, "disciplinary_sanction")
    n = len(employees)
    count = max(1, int(round(SANCTION_SHARE * n))) if n >= 20 else 0
    eligible = np.flatnonzero(~employees["is_head"].to_numpy())
    who = np.sort(rng.permutation(eligible)[:count])
    types = list(SANCTION_TYPES)
    kind = rng.choice(types, size=len(who), p=[SANCTION_TYPES[t][0] for t in types])
    months = np.array([SANCTION_TYPES[t][1] for t in kind], dtype=np.int64)
    first = np.datetime64(window.first_day, "D")
    window_days = (window.last_day - window.first_day).days + 1
    # Decisions from six months before the window up to its last week.
    offset = rng.integers(-180, max(-179, window_days - 7), len(who))
    start = first + offset * np.timedelta64(1, "D")
    hire = employees["hire_date"].to_numpy().astype("datetime64[D]")[who]
    start = np.maximum(start, hire + np.timedelta64(30, "D"))
    end = (
        (start.astype("datetime64[M]") + months).astype("datetime64[D]")
        + (start - start.astype("datetime64[M]").astype("datetime64[D]"))
        - np.timedelta64(1, "D")
    )
    issued = start - rng.integers(1, 15, len(who)) * np.timedelta64(1, "D")
    seq = rng.integers(100, 2000, len(who))
    stamp = pd.to_datetime(issued)
    frame = pd.DataFrame(
        {
            "sanction_id": np.arange(1, len(who) + 1, dtype=np.int64),
            "nip": employees["nip"].to_numpy()[who],
            "sanction_type": kind,
            "start_date": start,
            "end_date": end,
            "decree_number": [
                f"{s}/SJ/KP.07.01/{d.month:02d}/{d.year}" for s, d in zip(seq, stamp, strict=True)
            ],
            "updated_at": issued.astype("datetime64[s]")
            + rng.integers(1, 9, len(who)) * np.timedelta64(3600, "s"),
            "emp_idx": who,
            "start_day": (start - first).astype(int),
            "end_day": (end - first).astype(int),
        }
    )
    return frame


SANCTION_COLUMNS = (
    "sanction_id",
    "nip",
    "sanction_type",
    "start_date",
    "end_date",
    "decree_number",
    "updated_at",
)
