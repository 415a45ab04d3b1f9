"""Numbers, money and dates as a reader of each language writes them.

One module for every page, chart, PDF and export, so the same figure reads the same everywhere:
Bahasa Indonesia groups thousands with a dot and writes decimals with a comma (``1.234,5``),
abbreviates money by *ribu*, *juta*, *miliar* and *triliun* (``Rp 3,4 M`` is 3.4 billion: an
Indonesian reads "M" as miliar) and names months in Indonesian (``12 Mei 2025``); English
uses ``1,234.5``, ``Rp 3.4 bn`` and ``12 May 2025``. Money is rounded half-up to whole rupiah,
exactly, as the pay itself is. A missing value is an em dash, never ``None`` or ``nan``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

LANGUAGES = ("id", "en")
MISSING = "—"
# ASCII hyphen-minus: the sign spreadsheets and CSV readers parse, and every font has it.
MINUS = "-"

MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Steps of the short money form, largest first: (size, Indonesian suffix, English suffix).
MONEY_STEPS = (
    (Decimal(10) ** 12, "T", "tn"),
    (Decimal(10) ** 9, "M", "bn"),
    (Decimal(10) ** 6, "jt", "m"),
    (Decimal(10) ** 3, "rb", "k"),
)


def _missing(value: object) -> bool:
    # pandas' NA and NaT by type name: this module does not import pandas.
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or type(value).__name__ in ("NAType", "NaTType")
    )


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    return lang


def _decimal(value: object) -> Decimal:
    # str() first so a float such as 0.1 is read as written, not as its binary expansion.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _grouped(value: Decimal, decimals: int, lang: str) -> str:
    """``value`` (already rounded, not negative) with the language's separators."""
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def number(value: object, lang: str, decimals: int = 0) -> str:
    """A count (``decimals=0``: ``1.965``, never ``1.965,00``) or a measure with ``decimals``."""
    lang = _lang(lang)
    if _missing(value):
        return MISSING
    amount = _rounded(_decimal(value), decimals)
    sign = MINUS if amount < 0 else ""
    return sign + _grouped(abs(amount), decimals, lang)


def quantity(value: object, lang: str) -> str:
    """A count or a measure that is usually whole (minutes, output volumes, numerators): no
    decimals when whole (``1.965``), two when it has a fraction (``2,50``)."""
    if _missing(value):
        return MISSING
    return number(value, lang, 0 if _decimal(value) == _decimal(value).to_integral_value() else 2)


def percent(value: object, lang: str, decimals: int = 1) -> str:
    """A percentage given on the 0–100 scale: ``87,5%`` (id), ``87.5%`` (en)."""
    text = number(value, lang, decimals)
    return text if text == MISSING else f"{text}%"


def money(value: object, lang: str) -> str:
    """Whole rupiah in full, half-up: ``Rp 3.510.400``; a negative amount as ``-Rp 3.510.400``."""
    lang = _lang(lang)
    if _missing(value):
        return MISSING
    amount = _rounded(_decimal(value), 0)
    sign = MINUS if amount < 0 else ""
    return f"{sign}Rp {_grouped(abs(amount), 0, lang)}"


def money_short(value: object, lang: str, decimals: int = 1) -> str:
    """Money abbreviated for an axis or a tile: ``Rp 1,2 jt``, ``Rp 3,4 M``, ``Rp 20 rb`` (id);
    ``Rp 1.2 m``, ``Rp 3.4 bn``, ``Rp 20 k`` (en). Trailing zero decimals are dropped
    (``Rp 20 M``, not ``Rp 20,0 M``); an amount under a thousand once rounded is in full."""
    lang = _lang(lang)
    if _missing(value):
        return MISSING
    amount = _decimal(value)
    sign = MINUS if amount < 0 else ""
    size = abs(amount)
    for step, suffix_id, suffix_en in MONEY_STEPS:
        if _rounded(size / step, decimals) >= 1:
            scaled = _rounded(size / step, decimals)
            places = decimals if scaled != scaled.to_integral_value() else 0
            suffix = suffix_id if lang == "id" else suffix_en
            return f"{sign}Rp {_grouped(_rounded(scaled, places), places, lang)} {suffix}"
    return money(value, lang)


def month_name(month: int, lang: str) -> str:
    """The month's name, 1 = January: ``Mei`` / ``May``."""
    return MONTHS[_lang(lang)][month - 1]


def date(value: dt.date | str | None, lang: str) -> str:
    """A calendar date in words: ``12 Mei 2025`` / ``12 May 2025`` (also from ISO text)."""
    lang = _lang(lang)
    if value is None or value == "":
        return MISSING
    day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{day.day} {month_name(day.month, lang)} {day.year}"


def period(value: str | dt.date | None, lang: str) -> str:
    """A pay period (``2025-05`` or a date in it) as ``Mei 2025`` / ``May 2025``."""
    lang = _lang(lang)
    if value is None or value == "":
        return MISSING
    if isinstance(value, dt.date):
        year, month = value.year, value.month
    else:
        year, month = int(value[:4]), int(value[5:7])
    return f"{month_name(month, lang)} {year}"


# --- codes in words (marts.dim_code_label) and the status of a period (marts.dim_period) -------
def _text_or_none(value: object) -> str | None:
    """``value`` as text, None when it is missing (None, NaN, pandas' NA / NaT) or blank."""
    if _missing(value):
        return None
    text = str(value).strip()
    return None if text in ("", "<NA>", "NaT", "nan", "None") else text


class CodeLabels:
    """The words for each code shown to people, from ``marts.dim_code_label`` (one row per
    (code_kind, code)), with a fallback for a release published before that mart: the
    ``fallback`` words given per call, else the code itself. The mart's words win."""

    def __init__(self, rows: dict[tuple[str, str], tuple[str | None, str | None]] | None = None):
        self._rows = dict(rows or {})

    @classmethod
    def from_records(cls, records: list[dict]) -> CodeLabels:
        """From rows holding code_kind, code, label_id and label_en (e.g. the mart's rows)."""
        return cls(
            {
                (str(r["code_kind"]), str(r["code"])): (
                    _text_or_none(r.get("label_id")),
                    _text_or_none(r.get("label_en")),
                )
                for r in records
                if _text_or_none(r.get("code")) is not None
            }
        )

    def __len__(self) -> int:
        return len(self._rows)

    def has(self, kind: str, code: object) -> bool:
        return (kind, str(code)) in self._rows

    def codes(self, kind: str | None = None) -> set[str]:
        """The codes with words (of one kind, or of every kind)."""
        return {code for k, code in self._rows if kind is None or k == kind}

    def label(self, kind: str, code: object, lang: str, fallback: str | None = None) -> str:
        """The words for ``code`` of ``kind`` in ``lang``: the mart's, else ``fallback``, else
        the code; a missing code is an em dash."""
        text = _text_or_none(code)
        if text is None:
            return MISSING
        id_en = self._rows.get((kind, text))
        if id_en is not None:
            chosen = id_en[0] if _lang(lang) == "id" else id_en[1]
            if chosen:
                return chosen
        return fallback or text


def split_codes(value: object) -> list[str]:
    """Codes held in one cell (a list, an array, or text separated by commas or semicolons),
    in order, each once."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        parts = value.replace(";", ",").split(",")
    else:
        try:
            parts = [str(v) for v in value]  # type: ignore[union-attr]
        except TypeError:
            parts = [str(value)]
    return list(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def years_text(value: object, words: Callable[[str], str]) -> str:
    """Year-code pairs of one cell (``2023:BAIK,2024:BAIK`` or ``2023: BAIK, 2024: BAIK``) with
    each code in ``words``: ``2023: Baik, 2024: Baik``; an em dash when there are none."""
    parts = []
    for part in split_codes(value):
        year, _, code = part.partition(":")
        parts.append(f"{year.strip()}: {words(code.strip())}" if code.strip() else year.strip())
    return ", ".join(parts) if parts else MISSING


PERIOD_OPEN = "TERBUKA"
PERIOD_CLOSED = "DITUTUP"
_STATUS_TEXT = {
    "id": {
        PERIOD_OPEN: "TERBUKA (sementara): {pending_pct} laporan kegiatan masih menunggu "
        "verifikasi ({reports} laporan) dan {leave} pengajuan cuti belum diputus; angka bulan "
        "ini masih dapat berubah.",
        PERIOD_CLOSED: "DITUTUP: sudah ditutup dan dibayar{closed}.",
        None: "Status periode tidak diketahui: rilis ini belum memuat status periode.",
    },
    "en": {
        PERIOD_OPEN: "OPEN (provisional): {pending_pct} of activity reports still await "
        "verification ({reports} reports) and {leave} leave requests are pending; this month's "
        "figures may still change.",
        PERIOD_CLOSED: "CLOSED: closed and paid{closed}.",
        None: "Period status unknown: this release does not carry period statuses.",
    },
}
_CLOSED_ON = {"id": " pada {date}", "en": " on {date}"}


def period_status_text(row: dict | None, lang: str) -> str:
    """One sentence on a period's status (a ``dim_period`` row, or None when unknown):
    ``TERBUKA (sementara): 12,5% laporan kegiatan masih menunggu verifikasi …`` or ``DITUTUP:
    sudah ditutup dan dibayar pada 5 Maret 2025.``"""
    lang = _lang(lang)
    status = _text_or_none((row or {}).get("status"))
    if status not in (PERIOD_OPEN, PERIOD_CLOSED):
        return _STATUS_TEXT[lang][None]
    if status == PERIOD_OPEN:
        return _STATUS_TEXT[lang][PERIOD_OPEN].format(
            pending_pct=percent(row.get("reports_pending_pct"), lang),
            reports=number(row.get("reports_pending"), lang),
            leave=number(row.get("leave_pending"), lang),
        )
    closed_at = row.get("closed_at")
    closed = ""
    if not _missing(closed_at) and _text_or_none(closed_at) is not None:
        day = closed_at.date() if isinstance(closed_at, dt.datetime) else closed_at
        if hasattr(day, "date") and callable(day.date):  # a pandas Timestamp
            day = day.date()
        day = day if isinstance(day, dt.date) else str(day)
        closed = _CLOSED_ON[lang].format(date=date(day, lang))
    return _STATUS_TEXT[lang][PERIOD_CLOSED].format(closed=closed)


# --- legal basis: a line's regulation, from the policy row the engine applied --------------------
# A line of fct_tukin_lines names its rule as "<rule set> <rule id> <policy table> <row>" and
# carries the legal_basis of that row; people read the regulation and the rule id, not the table.
def rule_ids(rule_ref: object) -> list[str]:
    """The rule ids (``R2``, ``R3/R4`` → ``R3``, ``R4``) a rule reference names."""
    text = _text_or_none(rule_ref) or ""
    ids: list[str] = []
    for word in text.replace(",", " ").split():
        for part in word.split("/"):
            if len(part) > 1 and part[0] == "R" and part[1:].isdigit():
                ids.append(part)
    return list(dict.fromkeys(ids))


def cited_basis(legal_basis: object, rule_ref: object) -> str:
    """``<legal_basis> · <rule id>``: the regulation as the policy row states it (the line's
    legal_basis column) with the rule id of its rule reference; the rule id alone for a line
    frozen before lines carried their legal basis, an em dash when neither is known."""
    basis = _text_or_none(legal_basis)
    ids = "/".join(rule_ids(rule_ref))
    if basis is None:
        return ids or MISSING
    return f"{basis} · {ids}" if ids else basis
