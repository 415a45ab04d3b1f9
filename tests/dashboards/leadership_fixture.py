"""The marts of the leadership pages for the fake release of conftest.py, by hand.

Hand-computed figures the tests pin (units and employees of conftest.py):

R6 staffing, DIRECT monthly rows (EJ chosen, workload = EJ × FTE × 6,250):
  2025-01  BIRO_UMUM  FTE 5  EJ 1.10 → PJ A, KURANG_PEGAWAI;  DIT_ANAK FTE 1  EJ 0.80 → C, SESUAI
  2025-02  BIRO_UMUM  FTE 5  EJ 1.20 → PJ A, KURANG_PEGAWAI;  DIT_ANAK FTE 2  EJ 0.60 → D, KELEBIHAN
  What-if 2025-02, move 1 FTE DIT_ANAK → BIRO_UMUM: DIT_ANAK EJ 0.60 × 2 / 1 = 1.20 → A, KURANG;
  BIRO_UMUM EJ 1.20 × 5 / 6 = 1.00 → B, SESUAI (1.00 is inside SESUAI and PJ B: inclusive edge).
R7 referrals 2025-02: B (BIRO_UMUM) TEGURAN_TERTULIS, D (BIRO_UMUM) TEGURAN_LISAN, F (DIT_ANAK,
  a unit of 2) TEGURAN_LISAN.
R8 promotion 2025-02: A ELIGIBLE; B BLOCKED HUKUMAN_DISIPLIN; C BLOCKED MASA_KERJA_BELUM_CUKUP;
  D ELIGIBLE_SOON; E BLOCKED PREDIKAT_TAHUN_2024,HUKUMAN_DISIPLIN; F BLOCKED BUKAN_PNS; G ELIGIBLE.
  → SETJEN subtree (5): ELIGIBLE 1, ELIGIBLE_SOON 1, BLOCKED 3; HUKUMAN_DISIPLIN 2 (40 %),
  MASA_KERJA_BELUM_CUKUP 1, PREDIKAT_TAHUN 1.
R9 indicators per unit subtree and period: RB_REALISASI_TUKIN = 100 × net ÷ potential and
  RB_TINGKAT_TK = 100 × TK ÷ workdays of the subtree; RB_POLA_DISTRIBUSI_PREDIKAT 3/3 under
  SETJEN, 2/3 elsewhere; RB_KETEPATAN_VERIFIKASI 8 of 10 reports.
R10 flags 2025-02: A AKTIVITAS_SAAT_TK (BIRO_UMUM); G TITIP_ABSEN (DIT_ANAK); device DEV-ANAK-01
  JAM_MESIN_MENYIMPANG (DIT_ANAK).
The staffing bands are the real kemensos-2024 rows of policy_staffing_bands.csv.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

MINUTES_PER_FTE_MONTH = 6250
STAFFING = {  # (unit, period) → (fte, ej) of the DIRECT members
    ("BIRO_UMUM", "2025-01"): (5.0, 1.10),
    ("DIT_ANAK", "2025-01"): (1.0, 0.80),
    ("BIRO_UMUM", "2025-02"): (5.0, 1.20),
    ("DIT_ANAK", "2025-02"): (2.0, 0.60),
}
BANDS_SEED = (
    Path(__file__).resolve().parents[2] / "dbt_project/seeds/policy/policy_staffing_bands.csv"
)
RULE_SET = "kemensos-2024"
PROMOTION = {  # employee key → (status, reasons) in every period
    "A": ("ELIGIBLE", None),
    "B": ("BLOCKED", "HUKUMAN_DISIPLIN"),
    "C": ("BLOCKED", "MASA_KERJA_BELUM_CUKUP"),
    "D": ("ELIGIBLE_SOON", None),
    "E": ("BLOCKED", "PREDIKAT_TAHUN_2024,HUKUMAN_DISIPLIN"),
    "F": ("BLOCKED", "BUKAN_PNS"),
    "G": ("ELIGIBLE", None),
    "H": ("ELIGIBLE", None),
}
REFERRALS = [  # key, period, sanction, discipline days
    ("B", "2025-02", "TEGURAN_TERTULIS", 7),
    ("D", "2025-02", "TEGURAN_LISAN", 3),
    ("F", "2025-02", "TEGURAN_LISAN", 4),
]


def staffing_bands_frame() -> pd.DataFrame:
    """dim_staffing_band: the rule set's rows of the real seed."""
    seed = pd.read_csv(BANDS_SEED, dtype={"min_ej": float, "max_ej": float})
    seed = seed[seed["rule_set"] == RULE_SET].copy()
    for column in ("effective_from", "effective_to"):
        seed[column] = pd.to_datetime(seed[column]).dt.date
    return seed[
        [
            "band_kind",
            "code",
            "min_ej",
            "min_inclusive",
            "max_ej",
            "max_inclusive",
            "effective_from",
            "effective_to",
            "legal_basis",
            "rule_set",
        ]
    ]


def _band(ej: float, bands: pd.DataFrame, kind: str) -> str:
    """The band of ``ej`` (macro staffing_band), written out here so the fixture states every
    expected verdict."""
    for row in bands[bands["band_kind"] == kind].itertuples():
        low_ok = pd.isna(row.min_ej) or ej > row.min_ej or (row.min_inclusive and ej == row.min_ej)
        high_ok = pd.isna(row.max_ej) or ej < row.max_ej or (row.max_inclusive and ej == row.max_ej)
        if low_ok and high_ok:
            return row.code
    raise AssertionError(f"no {kind} band for {ej}")


def _staffing_row(unit: str, period: str, scope: str, fte: float, ej: float, bands) -> dict:
    workload = round(ej * fte * MINUTES_PER_FTE_MONTH, 2)
    needed = round(workload / MINUTES_PER_FTE_MONTH, 4)
    return {
        "unit_id": unit,
        "period": period,
        "period_grain": "MONTH",
        "scope": scope,
        "months_covered": 1,
        "workload_minutes": workload,
        "fte_actual": fte,
        "fte_needed": needed,
        "gap": round(needed - fte, 4),
        "ej": round(ej, 4),
        "pj_band": _band(round(ej, 4), bands, "PJ"),
        "verdict": _band(round(ej, 4), bands, "VERDICT"),
    }


def staffing_frame(paths: dict[str, str]) -> pd.DataFrame:
    """fct_staffing_adequacy: DIRECT rows of STAFFING, SUBTREE rows summed up the tree."""
    bands = staffing_bands_frame()
    rows = []
    for (unit, period), (fte, ej) in STAFFING.items():
        rows.append(_staffing_row(unit, period, "DIRECT", fte, ej, bands))
    for unit, unit_path in paths.items():
        for period in sorted({p for _, p in STAFFING}):
            below = [
                (fte, ej)
                for (member, p), (fte, ej) in STAFFING.items()
                if p == period
                and (paths[member] == unit_path or paths[member].startswith(unit_path + "/"))
            ]
            if below:
                fte = sum(f for f, _ in below)
                ej = sum(f * e for f, e in below) / fte
                rows.append(_staffing_row(unit, period, "SUBTREE", fte, ej, bands))
    return pd.DataFrame(rows)


def projection_frame(staffing: pd.DataFrame) -> pd.DataFrame:
    """fct_staffing_projection: 12 months after 2025-02; one member of each unit leaves from
    the sixth month (workload held)."""
    bands = staffing_bands_frame()
    last = staffing[staffing["period"] == "2025-02"]
    rows = []
    for row in last.itertuples():
        for ahead in range(1, 13):
            exits = 1 if ahead >= 6 else 0
            fte = row.fte_actual - exits
            ej = round(row.workload_minutes / (fte * MINUTES_PER_FTE_MONTH), 4) if fte else None
            rows.append(
                {
                    "unit_id": row.unit_id,
                    "scope": row.scope,
                    "months_ahead": ahead,
                    "period": f"{2025 + (1 + ahead) // 12}-{(1 + ahead) % 12 + 1:02d}",
                    "known_exits": exits,
                    "fte_projected": fte,
                    "workload_minutes": row.workload_minutes,
                    "ej_projected": ej,
                    "verdict_projected": _band(ej, bands, "VERDICT") if ej is not None else None,
                }
            )
    return pd.DataFrame(rows)


def referral_frame(nips: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "nip": nips[key],
                "period": period,
                "trigger": "BAND",
                "discipline_days_ytd": days,
                "tk_days_ytd": days,
                "late_early_minutes_ytd": 30,
                "recommended_sanction": sanction,
                "evidence": "2025-02-24, 2025-02-25",
            }
            for key, period, sanction, days in REFERRALS
        ]
    )


def promotion_frame(monthly: list[tuple], nips: dict[str, str]) -> pd.DataFrame:
    rows = []
    for key, period, *_ in monthly:
        status, reasons = PROMOTION[key]
        rows.append(
            {
                "nip": nips[key],
                "as_of_period": period,
                "employment_status": "CPNS" if reasons == "BUKAN_PNS" else "PNS",
                "rank_grade": "III/a",
                "rank_since": date(2020, 1, 1),
                "next_rank_grade": "III/b",
                "eligible_from": date(2024, 1, 1),
                "status": status,
                "reasons": reasons,
                "annual_predicates": "2023:BAIK,2024:BAIK",
                "blocking_sanctions": "TEGURAN_TERTULIS"
                if reasons and "HUKUMAN" in reasons
                else None,
                "rule_set": RULE_SET,
            }
        )
    return pd.DataFrame(rows)


def integrity_frame(nips: dict[str, str]) -> pd.DataFrame:
    def flag(code, kind, nip, device, unit, day, value, threshold, unit_of_measure):
        return {
            "flag_code": code,
            "subject_kind": kind,
            "nip": nip,
            "device_sn": device,
            "unit_id": unit,
            "flag_date": day,
            "period": f"{day:%Y-%m}",
            "metric_value": value,
            "threshold_value": threshold,
            "metric_unit": unit_of_measure,
            "details": f"{code} untuk pengujian",
            "evidence": "",
            "rule_ref": f"{RULE_SET} R10",
            "rule_set": RULE_SET,
        }

    return pd.DataFrame(
        [
            flag(
                "AKTIVITAS_SAAT_TK",
                "EMPLOYEE",
                nips["A"],
                None,
                "BIRO_UMUM",
                date(2025, 2, 10),
                240.0,
                0.0,
                "minutes",
            ),
            flag(
                "TITIP_ABSEN",
                "EMPLOYEE",
                nips["G"],
                "DEV-ANAK-01",
                "DIT_ANAK",
                date(2025, 2, 11),
                1.0,
                2.0,
                "seconds",
            ),
            flag(
                "JAM_MESIN_MENYIMPANG",
                "DEVICE",
                None,
                "DEV-ANAK-01",
                "DIT_ANAK",
                date(2025, 2, 28),
                4.0,
                3.0,
                "hours",
            ),
        ]
    )


def rb_indicator_frame(unit_monthly: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    """rpt_rb_indicators for every SUBTREE row of fct_unit_monthly."""
    rows = []
    for row in unit_monthly[unit_monthly["scope"] == "SUBTREE"].itertuples():
        under_setjen = paths[row.unit_id].startswith("KEMENSOS/SETJEN")
        for code, group, name, numerator, denominator in (
            (
                "RB_REALISASI_TUKIN",
                "TUKIN",
                "Realisasi tunjangan kinerja",
                row.tukin_net_idr,
                row.tukin_potential_idr,
            ),
            ("RB_TINGKAT_TK", "DISIPLIN", "Tingkat TK", row.tk_days, row.workdays),
            (
                "RB_POLA_DISTRIBUSI_PREDIKAT",
                "PREDIKAT",
                "Kesesuaian pola distribusi predikat",
                3 if under_setjen else 2,
                3,
            ),
            ("RB_KETEPATAN_VERIFIKASI", "PELAPORAN", "Ketepatan waktu verifikasi atasan", 8, 10),
        ):
            rows.append(
                {
                    "period": row.period,
                    "unit_id": row.unit_id,
                    "indicator_code": code,
                    "indicator_group": group,
                    "indicator_name_id": name,
                    "value": round(100 * numerator / denominator, 2),
                    "numerator": float(numerator),
                    "denominator": float(denominator),
                    "formula": f"100 x {code} pembilang / penyebut",
                    "legal_basis": "Perpres 71/2023",
                    "rule_set": RULE_SET,
                }
            )
    return pd.DataFrame(rows)


def leadership_frames(
    monthly: list[tuple], unit_monthly: pd.DataFrame, paths: dict[str, str], nips: dict[str, str]
) -> dict[str, pd.DataFrame]:
    staffing = staffing_frame(paths)
    return {
        "fct_staffing_adequacy": staffing,
        "fct_staffing_projection": projection_frame(staffing),
        "dim_staffing_band": staffing_bands_frame(),
        "fct_discipline_referral": referral_frame(nips),
        "fct_promotion_eligibility": promotion_frame(monthly, nips),
        "fct_integrity_flags": integrity_frame(nips),
        "rpt_rb_indicators": rb_indicator_frame(unit_monthly, paths),
    }
