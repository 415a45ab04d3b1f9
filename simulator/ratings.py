"""Monthly behaviour ratings (app ``behaviour_rating``): one row per employee and period.

The supervisor on the person's last employed day of the month rates early the next month
(R3 "perilaku"); about 3% of ratings are never entered (the warehouse flags them unrated).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.attendance import EmployeeDays
from simulator.personas import Personas

MISSING_SHARE = 0.03
RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")


def rate_month(
    days: EmployeeDays,
    period: str,
    personas: Personas,
    nips: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Ratings for ``period`` (YYYY-MM) of everyone employed in it who has a supervisor."""
    order = np.lexsort((days.day, days.emp))
    emp_sorted = days.emp[order]
    last = order[np.r_[emp_sorted[1:] != emp_sorted[:-1], True]] if len(order) else order
    emp, rater = days.emp[last], days.supervisor[last]
    keep = (rater >= 0) & (rng.random(len(emp)) >= MISSING_SHARE)
    emp, rater = emp[keep], rater[keep]
    troubled = np.isin(personas.kind[emp], ["LATE", "ABSENT_PRONE", "LATE_AND_EARLY"])
    below = np.where(troubled | personas.low_performer[emp], 0.15, 0.03)
    above = np.where(personas.high_performer[emp], 0.35, 0.10)
    draw = rng.random(len(emp))
    rating = np.select([draw < below, draw < below + above], [RATINGS[2], RATINGS[0]], RATINGS[1])
    year, month = (int(part) for part in period.split("-"))
    next_month = np.datetime64(f"{year + month // 12:04d}-{month % 12 + 1:02d}-01", "s")
    # Rated in the first four days, before the sources are extracted (work_calendar).
    rated_at = next_month + (
        rng.integers(0, 4, len(emp)) * 86400 + rng.integers(3600, 9 * 3600, len(emp))
    ) * np.timedelta64(1, "s")
    return pd.DataFrame(
        {
            "nip": nips[emp],
            "period": period,
            "rating": rating,
            "rated_by": nips[rater],
            "rated_at": rated_at,
        }
    )
