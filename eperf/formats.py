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
from decimal import ROUND_HALF_UP, Decimal

LANGUAGES = ("id", "en")
MISSING = "—"
# ASCII hyphen-minus: every font the PDF and the exports embed has it (U+2212 does not).
MINUS = "-"

MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
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
    return value is None or (isinstance(value, float) and math.isnan(value))


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
