"""UI strings in Bahasa Indonesia (default) and English, and number formats for each language.

Only the UI text is translated; domain codes (TL1, TK, CUTI_SAKIT …) stay as they are (STYLE.md).
"""

from __future__ import annotations

import math

import streamlit as st

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
LANGUAGE_KEY = "lang"  # session-state key of the language switch in streamlit_app.py

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"id": "e-Performance", "en": "e-Performance"},
    "language": {"id": "Bahasa", "en": "Language"},
    "period": {"id": "Periode", "en": "Period"},
    "section_overview": {"id": "Ikhtisar", "en": "Overview"},
    "page_ringkasan": {"id": "Ringkasan", "en": "Summary"},
    "no_release": {
        "id": "Belum ada data yang diterbitkan. Jalankan `eperf run` untuk memproses sumber data "
        "dan menerbitkan mart, lalu muat ulang halaman ini.",
        "en": "Nothing has been published yet. Run `eperf run` to process the sources and "
        "publish the marts, then reload this page.",
    },
    "kpi_headcount": {"id": "Jumlah pegawai", "en": "Headcount"},
    "kpi_attendance_rate": {"id": "Tingkat kehadiran", "en": "Attendance rate"},
    "kpi_tk_rate": {"id": "Tingkat TK", "en": "TK rate"},
    "kpi_tl_count": {"id": "Jumlah TL", "en": "TL count"},
    "kpi_psw_count": {"id": "Jumlah PSW", "en": "PSW count"},
    "kpi_avg_capaian": {"id": "Rata-rata capaian", "en": "Average achievement"},
    "kpi_realisation": {"id": "Realisasi tukin", "en": "Tukin realisation"},
    "kpi_tukin_net": {"id": "Total tukin dibayar", "en": "Total tukin paid"},
    "help_attendance_rate": {
        "id": "Σ hari hadir ÷ Σ (hari hadir + hari TK).",
        "en": "Σ present days ÷ Σ (present days + TK days).",
    },
    "help_tk_rate": {
        "id": "Σ hari TK (tanpa keterangan) ÷ Σ hari kerja dengan penugasan.",
        "en": "Σ TK days (absent without notice) ÷ Σ assigned workdays.",
    },
    "help_realisation": {
        "id": "Σ tukin dibayar ÷ Σ tukin potensial.",
        "en": "Σ tukin paid ÷ Σ potential tukin.",
    },
    "delta_vs": {"id": "vs {period}", "en": "vs {period}"},
    "pp": {"id": "poin", "en": "pp"},
    "trend_title": {"id": "Tren bulanan", "en": "Monthly trend"},
    "eselon1_title": {"id": "Perbandingan Eselon I", "en": "Eselon I comparison"},
    "attention_title": {"id": "Unit yang perlu perhatian", "en": "Units needing attention"},
    "attention_caption": {
        "id": "Maksimal {limit} unit dengan tingkat TK tertinggi pada {period}; hanya unit "
        "dengan minimal {min} pegawai.",
        "en": "Up to {limit} units with the highest TK rate in {period}; only units with at "
        "least {min} employees.",
    },
    "attention_empty": {
        "id": "Tidak ada unit dengan minimal {min} pegawai pada periode ini.",
        "en": "No unit has at least {min} employees in this period.",
    },
    "col_eselon1": {"id": "Unit Eselon I", "en": "Eselon I unit"},
    "col_unit": {"id": "Unit", "en": "Unit"},
    "col_period": {"id": "Periode", "en": "Period"},
    "col_percent": {"id": "Persen", "en": "Percent"},
    "unmapped_unit": {"id": "(tanpa Eselon I)", "en": "(no Eselon I)"},
    "footer": {
        "id": "Rilis {release_id} · diterbitkan {published_at} · aturan {rule_set}",
        "en": "Release {release_id} · published {published_at} · rule set {rule_set}",
    },
}


def current_language() -> str:
    """The language chosen in the sidebar switch, Bahasa Indonesia until one is chosen."""
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **fields: object) -> str:
    """The UI string ``key`` in ``lang`` (default: the current language), formatted with fields."""
    text = STRINGS[key][lang or current_language()]
    return text.format(**fields) if fields else text


def _group(number: float, decimals: int, lang: str) -> str:
    """A number with thousands separators: ``1.234,5`` in Indonesian, ``1,234.5`` in English."""
    text = f"{number:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A count or a plain number in the language's convention; an em dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return _group(value, decimals, lang)


def fmt_pct(value: float | None, lang: str, decimals: int = 1) -> str:
    """A 0–100 percentage, e.g. ``87,5%`` (id) or ``87.5%`` (en)."""
    text = fmt_number(value, lang, decimals)
    return text if text == "—" else f"{text}%"


def fmt_rupiah(value: float | None, lang: str) -> str:
    """Whole rupiah, e.g. ``Rp 1.234.567`` (id) or ``Rp 1,234,567`` (en); sign before ``Rp``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {_group(abs(round(value)), 0, lang)}"
