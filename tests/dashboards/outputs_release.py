"""The R11/R12 marts added to the fake release of tests/dashboards/conftest.py.

Hand-made, consistent with the fake org tree (KEMENSOS > SETJEN > BIRO_UMUM, KEMENSOS > REHSOS >
DIT_ANAK, KEMENSOS > REHSOSX) and the employees A-G of 2025-02. The numbers the tests pin:

Outputs at 2025-02 (plan 2/12 = 16.67 %): OUT-ARSIP (BIRO_UMUM) 10 of 1,000 = 1.00 %, trails by
15.67 points -> TERTINGGAL; OUT-UMUM (BIRO_UMUM) 10 of 100 = 10.00 %; OUT-ANAK (DIT_ANAK) 60 of
200 = 30.00 %; OUT-LAMA (REHSOSX) 5 of 50 = 10.00 %.
SETJEN subtree: 2 outputs, 1 behind, (100 M x 10 % + 300 M x 1 %) / 400 M = 3.25 %, minutes with
no output 12.50 %. KEMENSOS subtree: 4 outputs, 1 behind.
Development map 2025-02: A HIGH/MID, B LOW/LOW, C HIGH/HIGH, D and E MID/MID (BIRO_UMUM);
F MID/HIGH, G LOW/MID (DIT_ANAK). Recommendations: SIAP_PENGEMBANGAN_KARIER A, C;
PEMBINAAN_KINERJA B, G; PEMBINAAN_PERILAKU B.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.dashboards.conftest import NIP

# code, unit, name, unit of output, target, budget, Jan volume, Feb volume, Jan/Feb status,
# YTD tukin at Feb
OUTPUTS = [
    ("OUT-UMUM", "BIRO_UMUM", "Layanan persuratan", "berkas", 100, 100_000_000, 5, 10, 2_000_000),
    ("OUT-ARSIP", "BIRO_UMUM", "Arsip tertata", "berkas", 1000, 300_000_000, 5, 10, 3_000_000),
    ("OUT-ANAK", "DIT_ANAK", "Layanan anak", "klien", 200, 200_000_000, 30, 60, 4_000_000),
    ("OUT-LAMA", "REHSOSX", "Output lama", "dokumen", 50, 50_000_000, 0, 5, 500_000),
]
PLAN = {"2025-01": 8.33, "2025-02": 16.67}

# unit, scope, period, n_outputs, n_tertinggal, realisation %, no-output %
UNIT_ROWS = [
    ("BIRO_UMUM", "SUBTREE", "2025-01", 2, 0, 1.62, 20.0),
    ("BIRO_UMUM", "SUBTREE", "2025-02", 2, 1, 3.25, 12.5),
    ("SETJEN", "SUBTREE", "2025-01", 2, 0, 1.62, 20.0),
    ("SETJEN", "SUBTREE", "2025-02", 2, 1, 3.25, 12.5),
    ("DIT_ANAK", "SUBTREE", "2025-01", 1, 0, 15.0, 5.0),
    ("DIT_ANAK", "SUBTREE", "2025-02", 1, 0, 30.0, 4.0),
    ("REHSOS", "SUBTREE", "2025-01", 1, 0, 15.0, 5.0),
    ("REHSOS", "SUBTREE", "2025-02", 1, 0, 30.0, 4.0),
    ("REHSOSX", "SUBTREE", "2025-02", 1, 0, 10.0, None),
    ("KEMENSOS", "SUBTREE", "2025-01", 3, 0, 6.25, 15.0),
    ("KEMENSOS", "SUBTREE", "2025-02", 4, 1, 11.54, 10.0),
]

# key -> (unit, performance, behaviour, recommendations) in 2025-02
DEVELOPMENT = {
    "A": ("BIRO_UMUM", "HIGH", "MID", "SIAP_PENGEMBANGAN_KARIER"),
    "B": ("BIRO_UMUM", "LOW", "LOW", "PEMBINAAN_KINERJA,PEMBINAAN_PERILAKU"),
    "C": ("BIRO_UMUM", "HIGH", "HIGH", "SIAP_PENGEMBANGAN_KARIER"),
    "D": ("BIRO_UMUM", "MID", "MID", None),
    "E": ("BIRO_UMUM", "MID", "MID", None),
    "F": ("DIT_ANAK", "MID", "HIGH", None),
    "G": ("DIT_ANAK", "LOW", "MID", "PEMBINAAN_KINERJA"),
}


def _output_rows() -> pd.DataFrame:
    rows = []
    for code, unit, name, out_unit, target, budget, jan, feb, tukin in OUTPUTS:
        for period, volume in (("2025-01", jan), ("2025-02", feb)):
            pct = round(100 * volume / target, 2)
            status = "TERTINGGAL" if PLAN[period] - pct > 15 else "SESUAI_RENCANA"
            allocated = tukin if period == "2025-02" else tukin // 2
            rows.append(
                {
                    "output_code": code,
                    "fiscal_year": 2025,
                    "period": period,
                    "unit_id": unit,
                    "output_name": name,
                    "output_unit": out_unit,
                    "target_volume": float(target),
                    "realised_volume": float(volume),
                    "realised_volume_month": float(volume if period == "2025-01" else feb - jan),
                    "realisation_pct": pct,
                    "planned_pct": PLAN[period],
                    "status": status,
                    "target_is_zero": False,
                    "budget_idr": budget,
                    "allocated_tukin_idr": allocated,
                    "allocated_tukin_month_idr": allocated,
                    "credited_minutes_month": 1000.0,
                    "tukin_per_unit_idr": round(allocated / volume) if volume else None,
                    "rule_set": "kemensos-2024",
                }
            )
    return pd.DataFrame(rows)


def _unit_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "unit_id": unit,
                "period": period,
                "scope": scope,
                "n_outputs": n,
                "n_tertinggal": behind,
                "budget_idr": 100_000_000 * n,
                "realisation_pct": realisation,
                "planned_pct": PLAN[period],
                "allocated_tukin_idr": 1_000_000 * n,
                "allocated_tukin_month_idr": 500_000 * n,
                "credited_minutes": 10_000.0,
                "no_output_minutes": None if no_output is None else 100 * no_output,
                "no_output_minutes_pct": no_output,
                "no_output_tukin_idr": 0,
                "tukin_net_idr": 0,
            }
            for unit, scope, period, n, behind, realisation, no_output in UNIT_ROWS
        ]
    )


def _development_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "nip": NIP[key],
                "period": "2025-02",
                "unit_id": unit,
                "window_start_period": "2025-01",
                "periods_in_window": 2,
                "avg_capaian_pct": 100.0,
                "low_performance_periods": 0,
                "behaviour_di_bawah_periods": 0,
                "behaviour_di_atas_periods": 0,
                "has_discipline_referral": False,
                "performance_axis": performance,
                "behaviour_axis": behaviour,
                "recommendations": recommendations,
                "rule_set": "kemensos-2024",
            }
            for key, (unit, performance, behaviour, recommendations) in DEVELOPMENT.items()
        ]
    )


def add_output_marts(release: Path) -> None:
    """Write the three R11/R12 marts the dashboards read into an existing release folder."""
    _output_rows().to_parquet(release / "fct_output_realisation.parquet", index=False)
    _unit_rows().to_parquet(release / "fct_output_realisation_unit.parquet", index=False)
    _development_rows().to_parquet(release / "fct_development_map.parquet", index=False)
