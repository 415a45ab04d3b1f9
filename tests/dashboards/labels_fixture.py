"""The two marts that describe the others, for the fixture release: dim_period (2025-01 closed and
paid, 2025-02 still open) and dim_code_label (words for every code the fixture shows).

Some words differ from the dashboards' own fallback words (i18n) on purpose, so a test can tell
the mart's label from the fallback: verdict SESUAI is "Sesuai kebutuhan" (fallback "Sesuai"),
predicate SANGAT_BAIK is "Outstanding" in English (fallback "Very good").
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

# period → (status, closed_at, reports_pending, reports_pending_pct, leave_pending)
PERIODS = {
    "2025-01": ("DITUTUP", datetime(2025, 2, 5, 10, 0), 0, 0.0, 0),
    "2025-02": ("TERBUKA", None, 25, 12.5, 3),
}
OPEN_PERIOD, CLOSED_PERIOD = "2025-02", "2025-01"

CODES = {
    "predicate": {
        "SANGAT_BAIK": ("Sangat baik", "Outstanding"),
        "BAIK": ("Baik", "Good"),
        "BUTUH_PERBAIKAN": ("Butuh perbaikan", "Needs improvement"),
        "KURANG": ("Kurang", "Poor"),
        "SANGAT_KURANG": ("Sangat kurang", "Very poor"),
    },
    "cause": {
        "TL": ("Terlambat masuk", "Late arrival"),
        "PSW": ("Pulang sebelum waktunya", "Early departure"),
        "TK": ("Tanpa keterangan", "Unexcused absence"),
        "PERFORMANCE": ("Capaian kinerja", "Performance achievement"),
        "LEAVE": ("Cuti", "Leave"),
        "SANCTION": ("Hukuman disiplin", "Disciplinary sanction"),
        "CAP": ("Batas potongan", "Deduction cap"),
    },
    "attendance": {
        "HADIR": ("Hadir", "Present"),
        "TK": ("Tanpa keterangan", "Unexcused absence"),
        "TL1": ("Terlambat 1–30 menit", "Late 1–30 min"),
        "TL2": ("Terlambat 31–60 menit", "Late 31–60 min"),
        "TL4": ("Terlambat > 90 menit", "Late > 90 min"),
        "PSW1": ("Pulang cepat 1–30 menit", "Left early 1–30 min"),
        "PSW3": ("Pulang cepat 61–90 menit", "Left early 61–90 min"),
        "CAPAIAN_KINERJA": ("Capaian kinerja", "Performance achievement"),
    },
    "report_status": {
        "DRAFT": ("Draf", "Draft"),
        "SUBMITTED": ("Diajukan", "Submitted"),
        "APPROVED": ("Disetujui", "Approved"),
        "REJECTED": ("Ditolak", "Rejected"),
    },
    "credit_note": {
        "MENUNGGU_VERIFIKASI": ("Menunggu verifikasi", "Awaiting review"),
        "DITOLAK": ("Ditolak", "Rejected"),
        "DIHAPUS": ("Dihapus", "Deleted"),
        "HARI_TK": ("Hari TK", "TK day"),
    },
    "verdict": {
        "KURANG_PEGAWAI": ("Kurang pegawai", "Understaffed"),
        "SESUAI": ("Sesuai kebutuhan", "Adequately staffed"),
        "KELEBIHAN_PEGAWAI": ("Kelebihan pegawai", "Overstaffed"),
    },
    "pj_band": {code: (f"PJ {code}", f"Band {code}") for code in ("A", "B", "C", "D", "E")},
    "referral": {
        "BAND": ("Melewati ambang hari disiplin", "Discipline-day threshold passed"),
    },
    "sanction_type": {
        "TEGURAN_LISAN": ("Teguran lisan", "Oral reprimand"),
        "TEGURAN_TERTULIS": ("Teguran tertulis", "Written reprimand"),
        "PERNYATAAN_TIDAK_PUAS": ("Pernyataan tidak puas", "Statement of dissatisfaction"),
    },
    "integrity_flag": {
        "AKTIVITAS_SAAT_TK": ("Aktivitas saat TK", "Activity on an absent day"),
        "TITIP_ABSEN": ("Titip absen", "Proxy check-in"),
        "JAM_MESIN_MENYIMPANG": ("Jam mesin menyimpang", "Device clock drift"),
    },
    "rb_indicator": {
        "RB_REALISASI_TUKIN": ("Realisasi tunjangan kinerja", "Allowance realisation"),
        "RB_TINGKAT_TK": ("Tingkat ketidakhadiran", "Absence rate"),
        "RB_POLA_DISTRIBUSI_PREDIKAT": ("Pola distribusi predikat", "Predicate pattern"),
        "RB_KETEPATAN_VERIFIKASI": ("Ketepatan verifikasi", "Verification timeliness"),
    },
    "promotion_status": {
        "ELIGIBLE": ("Memenuhi syarat", "Eligible"),
        "ELIGIBLE_SOON": ("Segera memenuhi syarat", "Eligible soon"),
        "BLOCKED": ("Terhambat", "Blocked"),
    },
    "promotion_reason": {
        "BUKAN_PNS": ("Bukan PNS", "Not a civil servant"),
        "MASA_KERJA_BELUM_CUKUP": ("Masa kerja belum cukup", "Not yet due"),
        "PREDIKAT_TAHUN": ("Predikat tahunan", "Annual predicate"),
        "HUKUMAN_DISIPLIN": ("Hukuman disiplin", "Disciplinary sanction"),
        "RIWAYAT_KINERJA_TIDAK_LENGKAP": ("Riwayat kinerja tidak lengkap", "Incomplete history"),
    },
    "output_status": {
        "TERTINGGAL": ("Tertinggal", "Behind plan"),
        "SESUAI_RENCANA": ("Sesuai rencana", "On plan"),
    },
    "recommendation": {
        "SIAP_PENGEMBANGAN_KARIER": ("Siap pengembangan karier", "Ready for career development"),
        "PEMBINAAN_KINERJA": ("Pembinaan kinerja", "Performance coaching"),
        "PEMBINAAN_PERILAKU": ("Pembinaan perilaku", "Behaviour coaching"),
    },
    "employment_status": {
        "PNS": ("PNS", "Civil servant"),
        "CPNS": ("CPNS", "Civil-servant candidate"),
    },
    "period_status": {
        "TERBUKA": ("Terbuka", "Open"),
        "DITUTUP": ("Ditutup", "Closed"),
    },
}


def period_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "period": period,
                "status": status,
                "closed_at": closed_at,
                "reports_pending": pending,
                "reports_pending_pct": pct,
                "leave_pending": leave,
                "quarantined_rows": 0,
                "employee_months_marked": 0,
            }
            for period, (status, closed_at, pending, pct, leave) in PERIODS.items()
        ]
    ).astype({"closed_at": "datetime64[us]"})


def code_label_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "code_kind": kind,
                "code": code,
                "label_id": label_id,
                "label_en": label_en,
                "description_id": None,
                "description_en": None,
            }
            for kind, codes in CODES.items()
            for code, (label_id, label_en) in codes.items()
        ]
    )


def label_frames() -> dict[str, pd.DataFrame]:
    return {"dim_period": period_frame(), "dim_code_label": code_label_frame()}
