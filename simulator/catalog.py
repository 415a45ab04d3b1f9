"""Activity catalogue (app ``activity_catalog``): one row per activity code and version.

Each code has a standard time in effective minutes per unit of output (RULES.md R3) and most
are linked to an RKAKL output (R11). A few codes get a second version mid-window whose standard
minutes differ, so the warehouse must pick the version valid on the activity date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from simulator.work_calendar import Window

# (domain, activity name, standard minutes, output unit, RKAKL output code or None)
ACTIVITIES: tuple[tuple[str, str, int, str, str | None], ...] = (
    ("UMUM", "Menyusun laporan bulanan", 120, "laporan", None),
    ("UMUM", "Menyusun notula rapat", 45, "dokumen", None),
    ("UMUM", "Mengikuti rapat koordinasi", 60, "kegiatan", None),
    ("UMUM", "Menyusun konsep surat dinas", 30, "dokumen", None),
    ("UMUM", "Mengagendakan dan mendistribusikan surat masuk", 15, "berkas", "4425.EBD.001"),
    ("UMUM", "Mengarsipkan dokumen kegiatan", 20, "berkas", "4425.EBD.001"),
    ("UMUM", "Menyusun bahan paparan pimpinan", 90, "dokumen", None),
    ("UMUM", "Menyusun laporan kinerja triwulanan", 240, "laporan", None),
    ("UMUM", "Melakukan entri data pada aplikasi", 30, "data", None),
    ("UMUM", "Menyusun telaahan staf", 120, "dokumen", None),
    ("UMUM", "Mengikuti bimbingan teknis", 180, "kegiatan", None),
    ("UMUM", "Menyiapkan bahan rapat", 45, "dokumen", None),
    ("UMUM", "Menyusun rancangan peraturan", 240, "dokumen", "4425.EBC.001"),
    ("UMUM", "Menyusun siaran pers dan konten media sosial", 60, "dokumen", "4425.EBE.001"),
    ("REHSOS", "Melaksanakan asesmen klien rehabilitasi sosial anak", 90, "klien", "4421.QDB.001"),
    ("REHSOS", "Menyusun rencana intervensi klien", 60, "dokumen", "4421.QDB.001"),
    ("REHSOS", "Melakukan kunjungan rumah klien", 120, "klien", "4421.QDB.001"),
    ("REHSOS", "Menyusun laporan perkembangan klien", 45, "laporan", "4421.QDB.001"),
    ("REHSOS", "Melaksanakan pendampingan lanjut usia", 60, "klien", "4421.QDB.002"),
    (
        "REHSOS",
        "Memberikan asistensi rehabilitasi sosial penyandang disabilitas",
        75,
        "klien",
        "4421.QDB.003",
    ),
    ("REHSOS", "Melaksanakan terminasi dan rujukan klien", 60, "berkas", "4421.QDB.003"),
    (
        "REHSOS",
        "Melaksanakan rehabilitasi sosial korban penyalahgunaan NAPZA",
        90,
        "klien",
        "4421.QDB.004",
    ),
    (
        "REHSOS",
        "Melaksanakan penjangkauan gelandangan dan pengemis",
        120,
        "kegiatan",
        "4421.QDB.005",
    ),
    ("REHSOS", "Melaksanakan terapi psikososial klien", 60, "klien", "4421.QDB.001"),
    ("REHSOS", "Menyusun laporan dukungan manajemen", 120, "laporan", "4421.QAH.001"),
    ("LINJAMSOS", "Melakukan verifikasi data penerima bansos", 20, "data", "4422.QDC.001"),
    ("LINJAMSOS", "Melakukan validasi data penerima PKH", 25, "data", "4422.QDC.001"),
    ("LINJAMSOS", "Menyalurkan bantuan logistik korban bencana", 120, "kegiatan", "4422.QDB.001"),
    ("LINJAMSOS", "Melaksanakan kaji cepat lokasi bencana", 180, "laporan", "4422.QDB.001"),
    ("LINJAMSOS", "Memberikan dukungan psikososial korban bencana", 90, "klien", "4422.QDB.002"),
    ("LINJAMSOS", "Menangani pengaduan penyaluran bantuan sosial", 30, "berkas", "4422.QDC.001"),
    ("LINJAMSOS", "Melatih relawan Taruna Siaga Bencana", 240, "kegiatan", "4422.QDB.001"),
    ("DAYASOS", "Melaksanakan pendampingan komunitas adat terpencil", 120, "klien", "4423.QDB.001"),
    (
        "DAYASOS",
        "Melaksanakan pemetaan sosial lokasi komunitas adat terpencil",
        240,
        "laporan",
        "4423.QDB.001",
    ),
    ("DAYASOS", "Melaksanakan pendampingan keluarga penerima manfaat", 60, "klien", "4423.QDB.002"),
    ("DAYASOS", "Memverifikasi usulan penganugerahan gelar pahlawan", 90, "berkas", "4423.PBJ.001"),
    ("DAYASOS", "Menyelenggarakan kegiatan kesetiakawanan sosial", 240, "kegiatan", "4423.PBJ.001"),
    ("AUDIT", "Melaksanakan audit kinerja satuan kerja", 240, "laporan", "4424.BKB.001"),
    ("AUDIT", "Menyusun kertas kerja audit", 120, "dokumen", "4424.BKB.001"),
    ("AUDIT", "Melaksanakan reviu laporan keuangan", 180, "laporan", "4424.BKB.001"),
    (
        "AUDIT",
        "Melaksanakan audit investigatif pengaduan masyarakat",
        240,
        "laporan",
        "4424.BKB.002",
    ),
    ("REN", "Menyusun rencana kerja dan anggaran", 240, "dokumen", "4425.EBA.001"),
    ("REN", "Memproses revisi anggaran DIPA", 120, "dokumen", "4425.EBA.001"),
    ("REN", "Menyusun laporan evaluasi kinerja program", 180, "laporan", "4425.EBA.001"),
    ("KEU", "Memverifikasi surat permintaan pembayaran", 20, "berkas", "4425.EBA.002"),
    ("KEU", "Menyusun laporan keuangan satuan kerja", 180, "laporan", "4425.EBA.002"),
    ("KEU", "Melakukan rekonsiliasi data keuangan", 90, "dokumen", "4425.EBA.002"),
    ("SDM", "Memproses usulan kenaikan pangkat", 30, "berkas", "4425.EBB.001"),
    ("SDM", "Memproses mutasi pegawai", 45, "berkas", "4425.EBB.001"),
    ("SDM", "Menyusun analisis jabatan dan beban kerja", 120, "dokumen", "4425.EBB.001"),
    ("DATA", "Melakukan pemutakhiran data DTKS", 15, "data", "4425.QIB.001"),
    ("DATA", "Melakukan pemeliharaan aplikasi dan server", 120, "kegiatan", None),
    ("DATA", "Menyusun laporan kualitas data", 120, "laporan", "4425.QIB.001"),
    ("DIKLAT", "Menyusun modul pelatihan", 240, "dokumen", "4426.QEA.001"),
    ("DIKLAT", "Mengajar pada pelatihan pilar sosial", 90, "kegiatan", "4426.QEA.001"),
    ("DIKLAT", "Melaksanakan evaluasi penyelenggaraan pelatihan", 120, "laporan", "4426.QEA.001"),
)
# Codes whose standard minutes are revised mid-window: activity index -> new minutes (R3
# "versioned by validity dates").
REVISIONS = {0: 90, 14: 120, 25: 15, 44: 25}

DESCRIPTION_SUFFIXES = (
    "",
    "sesuai disposisi pimpinan",
    "untuk bahan rapat pimpinan",
    "bersama tim kerja",
    "di lingkungan unit kerja",
    "sebagai tindak lanjut hasil rapat",
    "untuk periode berjalan",
    "berdasarkan surat tugas",
    "dengan koordinasi lintas unit",
    "sesuai target rencana aksi",
    "tahap lanjutan",
    "atas permintaan unit teknis",
)


@dataclass(frozen=True)
class Catalog:
    """The catalogue table plus per-code arrays used to generate reports."""

    table: pd.DataFrame  # contract columns of activity_catalog
    codes: np.ndarray  # activity code per activity index
    domain: np.ndarray
    names: np.ndarray
    minutes_before: np.ndarray  # standard minutes before the revision day
    minutes_after: np.ndarray  # standard minutes from the revision day (same if unrevised)
    revision_day: int  # window day index the revised versions take effect
    output_index: np.ndarray  # index into OUTPUT_CODES or -1


def revision_date(window: Window) -> date:
    """First day of the window's middle month (or mid-month for a one-month window)."""
    months = len(window.months)
    if months == 1:
        return window.first_day.replace(day=16)
    year, month = (int(part) for part in window.months[months // 2].split("-"))
    return date(year, month, 1)


def output_codes() -> tuple[str, ...]:
    """Distinct RKAKL output codes the catalogue links to, in first-use order."""
    return tuple(dict.fromkeys(code for *_, code in ACTIVITIES if code))


def _versions(index: int, valid_from: date, revised_on: date) -> list[dict]:
    """Catalogue rows of one activity: one open version, or two split at ``revised_on``."""
    _, name, minutes, unit, output = ACTIVITIES[index]
    base = {
        "activity_code": f"ACT-{index + 1:03d}",
        "activity_name": name,
        "output_unit": unit,
        "rkakl_output_code": output,
    }
    if index not in REVISIONS:
        created = datetime.combine(valid_from, time(2, 0)) - timedelta(days=20)
        return [
            base
            | {
                "standard_minutes": minutes,
                "valid_from": valid_from,
                "valid_to": None,
                "updated_at": created,
            }
        ]
    changed = datetime.combine(revised_on, time(2, 0)) - timedelta(days=10)
    return [
        base
        | {
            "standard_minutes": minutes,
            "valid_from": valid_from,
            "valid_to": revised_on - timedelta(days=1),
            "updated_at": changed,
        },
        base
        | {
            "standard_minutes": REVISIONS[index],
            "valid_from": revised_on,
            "valid_to": None,
            "updated_at": changed,
        },
    ]


def build_catalog(window: Window) -> Catalog:
    """All codes valid from 1 January of the year before the window; revisions mid-window."""
    valid_from = date(window.first_day.year - 1, 1, 1)
    revised_on = revision_date(window)
    outputs = output_codes()
    rows = [row for i in range(len(ACTIVITIES)) for row in _versions(i, valid_from, revised_on)]
    minutes = np.array([a[2] for a in ACTIVITIES])
    return Catalog(
        table=pd.DataFrame(rows),
        codes=np.array([f"ACT-{i + 1:03d}" for i in range(len(ACTIVITIES))], dtype=object),
        domain=np.array([a[0] for a in ACTIVITIES]),
        names=np.array([a[1] for a in ACTIVITIES], dtype=object),
        minutes_before=minutes,
        minutes_after=np.array([REVISIONS.get(i, m) for i, m in enumerate(minutes)]),
        revision_day=(revised_on - window.first_day).days,
        output_index=np.array([outputs.index(a[4]) if a[4] else -1 for a in ACTIVITIES]),
    )


CATALOG_COLUMNS = (
    "activity_code",
    "activity_name",
    "standard_minutes",
    "output_unit",
    "rkakl_output_code",
    "valid_from",
    "valid_to",
    "updated_at",
)
