"""The one formatter: every expectation below is written out by hand in each language."""

import datetime as dt
from decimal import Decimal

import pytest

from eperf import formats


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (3510400, "id", "Rp 3.510.400"),
        (3510400, "en", "Rp 3,510,400"),
        (-3510400, "id", "-Rp 3.510.400"),
        (Decimal("1234.5"), "id", "Rp 1.235"),  # half-up to whole rupiah
        (Decimal("1234.49"), "id", "Rp 1.234"),
        (Decimal("-0.5"), "id", "-Rp 1"),  # half-up away from zero, as the pay is rounded
        (0, "id", "Rp 0"),
        (None, "id", "—"),
        (float("nan"), "en", "—"),
    ],
)
def test_money_in_full(value, lang, expected):
    assert formats.money(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1_200_000, "id", "Rp 1,2 jt"),
        (3_400_000_000, "id", "Rp 3,4 M"),  # miliar, never "Rp 3.4B"
        (20_000_000_000, "id", "Rp 20 M"),
        (20_000, "id", "Rp 20 rb"),
        (2_500_000_000_000, "id", "Rp 2,5 T"),
        (1_200_000, "en", "Rp 1.2 m"),
        (3_400_000_000, "en", "Rp 3.4 bn"),
        (20_000, "en", "Rp 20 k"),
        (940, "id", "Rp 940"),  # under a thousand once rounded: in full
        (-1_250_000, "id", "-Rp 1,3 jt"),
        (999_960, "id", "Rp 1 jt"),  # rounds up into the next step, not "Rp 1.000 rb"
    ],
)
def test_money_short_for_axes(value, lang, expected):
    assert formats.money_short(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1965, "id", 0, "1.965"),
        (1965.0, "id", 0, "1.965"),  # a count never shows ",00"
        (1965, "en", 0, "1,965"),
        (0.814, "id", 2, "0,81"),
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (-2.25, "id", 1, "-2,3"),
        (None, "id", 0, "—"),
    ],
)
def test_numbers(value, lang, decimals, expected):
    assert formats.number(value, lang, decimals) == expected


def test_percent():
    assert formats.percent(87.54, "id") == "87,5%"
    assert formats.percent(87.55, "en") == "87.6%"
    assert formats.percent(0.8, "id", 1) == "0,8%"
    assert formats.percent(None, "id") == "—"


def test_dates_and_periods():
    assert formats.date(dt.date(2025, 5, 12), "id") == "12 Mei 2025"
    assert formats.date("2025-05-12", "en") == "12 May 2025"
    assert formats.date("2025-08-01T07:30:00", "id") == "1 Agustus 2025"
    assert formats.period("2025-12", "id") == "Desember 2025"
    assert formats.period(dt.date(2025, 2, 1), "en") == "February 2025"
    assert formats.date(None, "id") == "—"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        formats.money(1, "fr")


def test_years_text_puts_each_years_code_in_words():
    labels = formats.CodeLabels(
        {
            ("predicate", "BAIK"): ("Baik", "Good"),
            ("predicate", "SANGAT_BAIK"): ("Sangat baik", None),
        }
    )

    def words(code: str) -> str:
        return labels.label("predicate", code, "id")

    # the mart's form and the compact one read the same
    assert (
        formats.years_text("2024: BAIK, 2025: SANGAT_BAIK", words)
        == "2024: Baik, 2025: Sangat baik"
    )
    assert formats.years_text("2023:BAIK,2024:KURANG", words) == "2023: Baik, 2024: KURANG"
    assert formats.years_text(None, words) == "—"


def test_a_quantity_has_decimals_only_when_it_has_a_fraction() -> None:
    assert formats.quantity(1965, "id") == "1.965"
    assert formats.quantity(1965.0, "id") == "1.965"
    assert formats.quantity(2.5, "id") == "2,50"
    assert formats.quantity(2.5, "en") == "2.50"
    assert formats.quantity(None, "id") == formats.MISSING
