"""lib/metrics.py, lib/i18n.py formats and lib/tables.py: KPI values, deltas and display text."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboards.lib import metrics
from dashboards.lib.i18n import STRINGS, fmt_pct, fmt_rupiah, t
from dashboards.lib.tables import measures_table


def _summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2025-01", "2025-02"],
            "headcount": [6, 7],
            "attendance_rate_pct": [97.5, 95.0],
            "tk_rate_pct": [2.5, 5.0],
            "tl_count": [2, 3],
            "psw_count": [0, 2],
            "avg_capaian_pct": [90.0, 100.0],
            "realisation_pct": [90.0, 87.5],
            "tukin_net_idr": [36_000_000, 35_000_000],
        }
    )


def _texts(period: str, lang: str) -> dict[str, tuple[str, str | None]]:
    return {
        k.spec.column: (metrics.value_text(k, lang), metrics.delta_text(k, lang))
        for k in metrics.kpis_for_period(_summary(), period)
    }


def test_every_string_has_both_languages() -> None:
    assert all(set(texts) == {"id", "en"} for texts in STRINGS.values())


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1_234_567, "id", "Rp 1.234.567"),
        (1_234_567, "en", "Rp 1,234,567"),
        (-1_000_000, "id", "-Rp 1.000.000"),
        (0, "id", "Rp 0"),
        (None, "id", "—"),
    ],
)
def test_fmt_rupiah(value: float | None, lang: str, expected: str) -> None:
    assert fmt_rupiah(value, lang) == expected


def test_fmt_pct() -> None:
    assert fmt_pct(87.5, "id") == "87,5%"
    assert fmt_pct(87.5, "en") == "87.5%"
    assert fmt_pct(float("nan"), "id") == "—"


def test_previous_period() -> None:
    assert metrics.previous_period(["2025-02", "2025-01", "2024-12"], "2025-02") == "2025-01"
    assert metrics.previous_period(["2025-01"], "2025-01") is None


def test_kpis_latest_period_indonesian() -> None:
    texts = _texts("2025-02", "id")
    assert texts["headcount"] == ("7", "+1")
    assert texts["attendance_rate_pct"] == ("95,0%", "-2,5 poin")
    assert texts["tk_rate_pct"] == ("5,0%", "+2,5 poin")
    assert texts["tl_count"] == ("3", "+1")
    assert texts["psw_count"] == ("2", "+2")
    assert texts["avg_capaian_pct"] == ("100,0%", "+10,0 poin")
    assert texts["realisation_pct"] == ("87,5%", "-2,5 poin")
    assert texts["tukin_net_idr"] == ("Rp 35 jt", "-Rp 1 jt")  # tiles: money abbreviated


def test_kpis_first_period_have_no_delta() -> None:
    texts = _texts("2025-01", "en")
    assert texts["realisation_pct"] == ("90.0%", None)
    assert texts["tukin_net_idr"] == ("Rp 36 m", None)


def test_unchanged_value_gives_flat_delta() -> None:
    flat = _summary().assign(headcount=[7, 7])
    kpi = metrics.kpis_for_period(flat, "2025-02")[0]
    assert metrics.delta_text(kpi, "id") == "0"


def test_bad_news_is_red() -> None:
    colours = {
        k.spec.column: metrics.delta_color(k)
        for k in metrics.kpis_for_period(_summary(), "2025-02")
    }
    assert colours["tk_rate_pct"] == colours["tl_count"] == colours["psw_count"] == "inverse"
    assert colours["attendance_rate_pct"] == colours["realisation_pct"] == "normal"


def test_measures_table_labels_and_formats() -> None:
    frame = _summary().assign(eselon1_label=["Setjen", "Rehsos"])
    styler = measures_table(
        frame,
        {"eselon1_label": "col_eselon1"},
        ("headcount", "realisation_pct", "tukin_net_idr"),
        "id",
    )
    assert list(styler.data.columns) == [
        t("col_eselon1", "id"),
        t("kpi_headcount", "id"),
        t("kpi_realisation", "id"),
        t("kpi_tukin_net", "id"),
    ]
    html = styler.to_html()
    assert "87,5%" in html
    assert "Rp 35.000.000" in html
    assert styler.data[t("kpi_realisation", "id")].tolist() == [90.0, 87.5]  # still numbers
