"""Behaviour personas: per employee, the habits that drive punches, reports and ratings.

Grain: one value per employee (arrays indexed by ``emp_idx``). Most people are punctual; some
are chronically late, leave early, forget to punch or stay away without notice (the TL, PSW and
TK of RULES.md R2); productivity sets the minutes they report per day (R3's 300-minute target).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.randomness import component_rng

PERSONAS = ("ON_TIME", "LATE", "EARLY_LEAVER", "FORGETFUL", "ABSENT_PRONE", "LATE_AND_EARLY")
PERSONA_SHARES = (0.64, 0.13, 0.08, 0.08, 0.03, 0.04)
# Reported minutes per present day, before review; APPROVED-only crediting (R3) brings the
# ministry average to roughly 250-330 credited minutes against the 300-minute target.
PRODUCTIVITY = {"LOW": (245.0, 30.0, 0.15), "MID": (330.0, 30.0, 0.75), "HIGH": (400.0, 30.0, 0.10)}
VERIFY_SHARES = (0.58, 0.32, 0.06, 0.04)  # FINGER, FACE, CARD, MOBILE


@dataclass(frozen=True)
class Personas:
    """Per-employee behaviour parameters (index = emp_idx)."""

    kind: np.ndarray
    p_late: np.ndarray  # probability of arriving after the schedule start on a workday
    late_mean: np.ndarray  # mean minutes late when late
    p_early: np.ndarray  # probability of leaving before the schedule end
    early_mean: np.ndarray
    p_forget: np.ndarray  # probability of a single-punch day
    p_absent: np.ndarray  # probability of an unexplained absence (TK)
    daily_minutes: np.ndarray  # mean minutes reported per present day
    low_performer: np.ndarray
    high_performer: np.ndarray
    review_lag: np.ndarray  # mean workdays this person takes to review subordinates' reports
    p_times: np.ndarray  # share of reports with start/end times filled in
    p_evidence: np.ndarray  # share of reports with a link to evidence
    home_device: np.ndarray  # preferred device within the unit's block
    verify_mode: np.ndarray  # preferred verify mode index into VERIFY_MODES


def draw_personas(n: int, is_head: np.ndarray, seed: int) -> Personas:
    """Habits for ``n`` employees; heads are never absence-prone and rarely low performers."""
    rng = component_rng(seed, "personas")
    kind = rng.choice(len(PERSONAS), size=n, p=PERSONA_SHARES)
    kind[is_head & (kind == PERSONAS.index("ABSENT_PRONE"))] = 0
    named = np.array(PERSONAS)[kind]
    late = np.isin(named, ["LATE", "LATE_AND_EARLY"])
    early = np.isin(named, ["EARLY_LEAVER", "LATE_AND_EARLY"])
    tier = rng.choice(list(PRODUCTIVITY), size=n, p=[v[2] for v in PRODUCTIVITY.values()])
    tier[is_head & (tier == "LOW")] = "MID"
    mean = np.array([PRODUCTIVITY[t][0] for t in tier])
    spread = np.array([PRODUCTIVITY[t][1] for t in tier])
    slow_reviewer = rng.random(n) < 0.12
    return Personas(
        kind=named,
        p_late=np.where(late, rng.uniform(0.35, 0.75, n), 0.03),
        late_mean=np.where(late, rng.uniform(12, 40, n), 8.0),
        p_early=np.where(early, rng.uniform(0.3, 0.6, n), 0.02),
        early_mean=np.where(early, rng.uniform(15, 45, n), 10.0),
        p_forget=np.where(named == "FORGETFUL", rng.uniform(0.1, 0.25, n), 0.01),
        p_absent=np.where(named == "ABSENT_PRONE", rng.uniform(0.05, 0.12, n), 0.003),
        daily_minutes=np.clip(rng.normal(mean, spread), 150, 480),
        low_performer=tier == "LOW",
        high_performer=tier == "HIGH",
        review_lag=np.where(slow_reviewer, rng.uniform(4, 8, n), rng.uniform(0.3, 2.5, n)),
        p_times=rng.uniform(0.3, 0.95, n),
        p_evidence=rng.uniform(0.0, 0.7, n),
        home_device=rng.integers(0, 1 << 20, n),
        verify_mode=rng.choice(4, size=n, p=VERIFY_SHARES),
    )
