"""A tiny fake serving release (eperf.serving layout) with hand-made Parquet files.

Two periods, two eselon I units, seven employees. The hand-computed numbers the tests pin:

2025-01 (6 employees, all 20 workdays): hadir 117, TK 3 → attendance 117/120 = 97.5 %,
TK rate 3/120 = 2.5 %; TL 2, PSW 0; capaian all 90 → 90.0; tukin 36 M of 40 M → 90.0 %.

2025-02 (7 employees): hadir 133, TK 7 → attendance 133/140 = 95.0 %, TK rate 7/140 = 5.0 %;
TL 3, PSW 2; capaian avg 700/7 = 100.0; tukin 35 M of 40 M → 87.5 %; net Rp 35.000.000.
By eselon I in 2025-02: Sekretariat Jenderal (5 employees in Biro Umum) attendance 93/100 = 93.0 %,
TK 7.0 %, realisation 30/35 M = 85.714… %; Ditjen Rehabilitasi Sosial (2) 100 %, 0 %, 100 %.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from eperf.serving import MANIFEST, POINTER, RELEASES

RELEASE_ID = "20250301T000000000000Z-abcdef12"

ORG_UNITS = [
    # unit_id, parent, name, echelon, eselon1_unit_id, eselon1_unit_name
    ("KEMENSOS", None, "Kementerian Sosial", 0, None, None),
    ("SETJEN", "KEMENSOS", "Sekretariat Jenderal", 1, "SETJEN", "Sekretariat Jenderal"),
    ("BIRO_UMUM", "SETJEN", "Biro Umum", 2, "SETJEN", "Sekretariat Jenderal"),
    ("REHSOS", "KEMENSOS", "Ditjen Rehabilitasi Sosial", 1, "REHSOS", "Ditjen Rehabilitasi Sosial"),
    ("DIT_ANAK", "REHSOS", "Direktorat Rehsos Anak", 2, "REHSOS", "Ditjen Rehabilitasi Sosial"),
]

MONTHLY = [
    # nip, period, unit_id, hadir, tk, tl1, tl2, tl4, psw1, psw3, capaian, potential, net
    ("A", "2025-01", "BIRO_UMUM", 20, 0, 2, 0, 0, 0, 0, 90.0, 10_000_000, 9_000_000),
    ("B", "2025-01", "BIRO_UMUM", 17, 3, 0, 0, 0, 0, 0, 90.0, 10_000_000, 8_000_000),
    ("C", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 5_000_000),
    ("D", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 5_000_000),
    ("E", "2025-01", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 4_500_000),
    ("F", "2025-01", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 90.0, 5_000_000, 4_500_000),
    ("A", "2025-02", "BIRO_UMUM", 20, 0, 1, 0, 0, 0, 0, 100.0, 10_000_000, 9_000_000),
    ("B", "2025-02", "BIRO_UMUM", 16, 4, 0, 1, 0, 0, 0, 80.0, 10_000_000, 7_000_000),
    ("C", "2025-02", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 0, 120.0, 5_000_000, 5_000_000),
    ("D", "2025-02", "BIRO_UMUM", 17, 3, 0, 0, 1, 1, 0, 90.0, 5_000_000, 4_000_000),
    ("E", "2025-02", "BIRO_UMUM", 20, 0, 0, 0, 0, 0, 1, 110.0, 5_000_000, 5_000_000),
    ("F", "2025-02", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 100.0, 4_000_000, 4_000_000),
    ("G", "2025-02", "DIT_ANAK", 20, 0, 0, 0, 0, 0, 0, 100.0, 1_000_000, 1_000_000),
]


def org_unit_frame() -> pd.DataFrame:
    """dim_org_unit with every contract column."""
    rows = [
        {
            "unit_id": unit_id,
            "parent_unit_id": parent,
            "unit_name": name,
            "echelon": echelon,
            "unit_kind": "KANTOR_PUSAT",
            "timezone": "Asia/Jakarta",
            "province": "DKI Jakarta",
            "active": True,
            "depth": echelon,
            "path": unit_id if parent is None else f"KEMENSOS/{parent}/{unit_id}",
            "eselon1_unit_id": e1_id,
            "eselon1_unit_name": e1_name,
        }
        for unit_id, parent, name, echelon, e1_id, e1_name in ORG_UNITS
    ]
    return pd.DataFrame(rows)


def employee_monthly_frame() -> pd.DataFrame:
    """fct_employee_monthly with every contract column; 20 workdays each, no leave."""
    rows = []
    for nip, period, unit, hadir, tk, tl1, tl2, tl4, psw1, psw3, capaian, pot, net in MONTHLY:
        rows.append(
            {
                "nip": nip,
                "period": period,
                "unit_id": unit,
                "job_class": 7,
                "employment_status": "PNS",
                "workdays": 20,
                "assigned_workdays": 20,
                "expected_days": 20,
                "hadir_days": hadir,
                "tk_days": tk,
                "leave_days": 0,
                "tl1_count": tl1,
                "tl2_count": tl2,
                "tl3_count": 0,
                "tl4_count": tl4,
                "psw1_count": psw1,
                "psw2_count": 0,
                "psw3_count": psw3,
                "psw4_count": 0,
                "attendance_deduction_pct": 0.0,
                "credited_minutes": int(capaian * 60),
                "target_minutes": 6000,
                "capaian_pct": capaian,
                "work_result_rating": "SESUAI_EKSPEKTASI",
                "behaviour_rating": "SESUAI_EKSPEKTASI",
                "predicate": "BAIK",
                "perf_factor": min(1.0, capaian / 100),
                "employment_factor": 1.0,
                "leave_factor": 1.0,
                "sanction_cut_pct": 0.0,
                "tukin_base_idr": pot,
                "tukin_potential_idr": pot,
                "tukin_net_idr": net,
            }
        )
    return pd.DataFrame(rows)


def write_release(serving_dir: Path, release_id: str = RELEASE_ID) -> Path:
    """Write a complete release the way eperf.serving.publish lays it out, then point CURRENT."""
    release = serving_dir / RELEASES / release_id
    release.mkdir(parents=True)
    org_unit_frame().to_parquet(release / "dim_org_unit.parquet", index=False)
    employee_monthly_frame().to_parquet(release / "fct_employee_monthly.parquet", index=False)
    manifest = {
        "release_id": release_id,
        "run_id": "abcdef1234567890",
        "rule_set": "kemensos-2024",
        "published_at": "2025-03-01T08:30:00+00:00",
        "row_counts": {"dim_org_unit": len(ORG_UNITS), "fct_employee_monthly": len(MONTHLY)},
    }
    (release / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (serving_dir / POINTER).write_text(release_id, encoding="utf-8")
    return release


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Cached query results are keyed on (serving dir, release id); clear them between tests."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def serving_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A serving dir holding the fake release, set as EPERF_SERVING_DIR."""
    directory = tmp_path / "serving"
    write_release(directory)
    monkeypatch.setenv("EPERF_SERVING_DIR", str(directory))
    return directory


@pytest.fixture
def empty_serving_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A serving dir with nothing published yet, set as EPERF_SERVING_DIR."""
    directory = tmp_path / "serving"
    directory.mkdir()
    monkeypatch.setenv("EPERF_SERVING_DIR", str(directory))
    return directory
