"""Budget work-plan outputs (app ``rkakl_output``): one row per output code and fiscal year.

Targets are sized from the volume the simulated staff actually deliver (R11 realisation =
approved quantity / target_volume): most outputs are on track against the linear plan, about a
third have targets several times the delivered pace and fall behind (``TERTINGGAL``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.catalog import output_codes
from simulator.randomness import component_rng
from simulator.work_calendar import Window

# output code -> (owning unit, output name, output unit, budget in billion rupiah per year)
OUTPUTS: dict[str, tuple[str, str, str, int]] = {
    "4421.QDB.001": ("DIT-RSA", "Anak yang memperoleh layanan rehabilitasi sosial", "klien", 180),
    "4421.QDB.002": (
        "DIT-RSLU",
        "Lanjut usia yang memperoleh layanan rehabilitasi sosial",
        "klien",
        120,
    ),
    "4421.QDB.003": (
        "DIT-RSPD",
        "Penyandang disabilitas yang memperoleh layanan rehabilitasi sosial",
        "klien",
        210,
    ),
    "4421.QDB.004": (
        "DIT-RSKPN",
        "Korban penyalahgunaan NAPZA yang memperoleh layanan rehabilitasi sosial",
        "klien",
        95,
    ),
    "4421.QDB.005": (
        "DIT-RSTS",
        "Tuna sosial yang memperoleh layanan penjangkauan",
        "kegiatan",
        60,
    ),
    "4421.QAH.001": (
        "SET-REHSOS",
        "Layanan dukungan manajemen Ditjen Rehabilitasi Sosial",
        "laporan",
        45,
    ),
    "4422.QDC.001": ("DIT-JAMSOS", "Data penerima bantuan sosial yang terverifikasi", "data", 140),
    "4422.QDB.001": (
        "DIT-PSKBA",
        "Korban bencana alam yang memperoleh perlindungan sosial",
        "kegiatan",
        450,
    ),
    "4422.QDB.002": (
        "DIT-PSKBS",
        "Korban bencana sosial yang memperoleh dukungan psikososial",
        "klien",
        75,
    ),
    "4423.QDB.001": ("DIT-PKAT", "Warga komunitas adat terpencil yang diberdayakan", "klien", 130),
    "4423.QDB.002": (
        "DIT-PSPKKM",
        "Keluarga yang memperoleh pendampingan pemberdayaan",
        "klien",
        85,
    ),
    "4423.PBJ.001": (
        "DIT-K2KRS",
        "Kegiatan kepahlawanan dan kesetiakawanan sosial",
        "kegiatan",
        40,
    ),
    "4424.BKB.001": ("ITJEN-INSP-I", "Laporan hasil audit dan reviu", "laporan", 35),
    "4424.BKB.002": ("ITJEN-INVESTIGASI", "Laporan hasil audit investigatif", "laporan", 12),
    "4425.EBA.001": ("BIRO-REN", "Dokumen perencanaan dan penganggaran", "dokumen", 25),
    "4425.EBA.002": ("BIRO-KEU", "Laporan keuangan dan pertanggungjawaban anggaran", "berkas", 30),
    "4425.EBB.001": ("BIRO-OSDM", "Layanan manajemen aparatur sipil negara", "berkas", 28),
    "4425.EBC.001": ("BIRO-HUKUM", "Produk hukum yang disusun", "dokumen", 9),
    "4425.EBD.001": ("BIRO-UMUM", "Layanan persuratan dan kearsipan", "berkas", 160),
    "4425.EBE.001": ("BIRO-HUMAS", "Publikasi dan layanan informasi publik", "dokumen", 22),
    "4425.QIB.001": (
        "PUSDATIN",
        "Data terpadu kesejahteraan sosial yang dimutakhirkan",
        "data",
        110,
    ),
    "4426.QEA.001": (
        "PUSBANGKOM",
        "Penyelenggaraan pelatihan SDM kesejahteraan sosial",
        "kegiatan",
        95,
    ),
}
BEHIND_SHARE = 0.3
ON_TRACK_FACTOR = (0.85, 1.15)  # target / delivered annual pace
BEHIND_FACTOR = (2.6, 4.0)  # R11: > 15 points behind the linear plan even after 3 months


def build_rkakl(realised: pd.DataFrame, window: Window, seed: int) -> pd.DataFrame:
    """Contract rows of ``rkakl_output`` for each fiscal year the window touches.

    ``realised``: columns ``output_code``, ``fiscal_year``, ``quantity`` (approved, not deleted).
    """
    rng = component_rng(seed, "rkakl_output")
    codes = output_codes()
    if set(codes) != set(OUTPUTS):
        raise RuntimeError("catalogue and RKAKL outputs disagree")
    years = sorted({int(period[:4]) for period in window.months})
    months_in_year = {y: sum(p.startswith(str(y)) for p in window.months) for y in years}
    delivered = realised.groupby(["output_code", "fiscal_year"])["quantity"].sum().to_dict()
    rows = []
    for year in years:
        behind = rng.random(len(codes)) < BEHIND_SHARE
        factor = np.where(
            behind,
            rng.uniform(*BEHIND_FACTOR, len(codes)),
            rng.uniform(*ON_TRACK_FACTOR, len(codes)),
        )
        fallback = rng.integers(50, 500, len(codes))
        budget_jitter = rng.uniform(0.85, 1.15, len(codes))
        for i, code in enumerate(codes):
            unit_id, name, unit, billions = OUTPUTS[code]
            pace = delivered.get((code, year), 0.0) * 12 / months_in_year[year]
            target = max(1.0, round(pace * factor[i])) if pace > 0 else float(fallback[i])
            rows.append(
                {
                    "output_code": code,
                    "fiscal_year": year,
                    "unit_id": unit_id,
                    "output_name": name,
                    "target_volume": target,
                    "output_unit": unit,
                    "budget_idr": int(round(billions * budget_jitter[i] * 1e9, -6)),
                }
            )
    return pd.DataFrame(rows)
