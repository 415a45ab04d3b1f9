"""lib/charts.py: pure figure builders (no Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboards.lib import charts

LABELS = {
    "attendance_rate_pct": "Tingkat kehadiran",
    "tk_rate_pct": "Tingkat TK",
    "realisation_pct": "Realisasi tukin",
}


def _summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2025-01", "2025-02"],
            "attendance_rate_pct": [97.5, 95.0],
            "tk_rate_pct": [2.5, 5.0],
            "realisation_pct": [90.0, 87.5],
        }
    )


def test_trend_chart_traces_and_x_values() -> None:
    figure = charts.trend_chart(_summary(), LABELS)
    assert isinstance(figure, go.Figure)
    assert len(figure.data) == 3
    by_name = {trace.name: trace for trace in figure.data}
    assert set(by_name) == set(LABELS.values())
    for trace in figure.data:
        assert list(trace.x) == ["Januari 2025", "Februari 2025"]  # periods by name
    assert list(by_name["Tingkat TK"].y) == [2.5, 5.0]
    assert by_name["Tingkat TK"].type == "bar"
    assert by_name["Tingkat kehadiran"].type == "scatter"
    assert figure.layout.xaxis.type == "category"
    assert figure.layout.separators == ",."
    # the TK panel's own scale: the highest TK rate plus a fifth, rounded up to a 1-2-5 step
    assert tuple(figure.layout.yaxis2.range) == (0, 6.0)


def test_trend_chart_english_separators() -> None:
    assert charts.trend_chart(_summary(), LABELS, separators=".,").layout.separators == ".,"


def test_eselon1_chart_one_bar_trace_per_rate() -> None:
    by_e1 = pd.DataFrame(
        {
            "eselon1_label": ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"],
            "attendance_rate_pct": [100.0, 93.0],
            "tk_rate_pct": [0.0, 7.0],
            "realisation_pct": [100.0, 85.7],
        }
    )
    figure = charts.eselon1_chart(by_e1, LABELS)
    assert len(figure.data) == 3
    assert all(trace.type == "bar" for trace in figure.data)
    assert [trace.name for trace in figure.data] == [LABELS[c] for c in charts.RATE_COLUMNS]
    for trace in figure.data:
        assert list(trace.x) == ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"]
    assert list(figure.data[1].y) == [0.0, 7.0]
    assert figure.layout.barmode == "group"


def test_charts_accept_an_empty_frame() -> None:
    empty = _summary().iloc[0:0]
    assert len(charts.trend_chart(empty, LABELS).data) == 3


# --- charts that tell the truth ------------------------------------------------------------------


def _y_axes(figure: go.Figure) -> dict[str, go.layout.YAxis]:
    return {name: figure.layout[name] for name in figure.layout if name.startswith("yaxis")}


def test_trend_chart_gives_the_tk_rate_a_panel_of_its_own() -> None:
    """Two panels, one above the other, each with its own scale; no axis laid over another."""
    figure = charts.trend_chart(_summary(), LABELS)
    axes = _y_axes(figure)
    assert sorted(axes) == ["yaxis", "yaxis2"]
    assert all(axis.overlaying is None for axis in axes.values())
    assert figure.layout.yaxis.domain[0] > figure.layout.yaxis2.domain[1]  # stacked panels
    by_name = {trace.name: trace for trace in figure.data}
    assert by_name["Tingkat TK"].yaxis == "y2"
    assert {by_name["Tingkat kehadiran"].yaxis, by_name["Realisasi tukin"].yaxis} == {"y"}
    assert tuple(figure.layout.yaxis.range) == (0, 105)  # rates near 100 on 0–100 %
    assert list(figure.layout.yaxis.ticktext) == ["0%", "25%", "50%", "75%", "100%"]
    assert figure.layout.yaxis2.ticksuffix == "%"


def test_trend_chart_shows_a_small_tk_rate_on_a_scale_that_shows_it() -> None:
    """0,8 % TK fills most of its panel (top 1 %), not a sliver of 0–100 %."""
    summary = _summary().assign(tk_rate_pct=[0.8, 0.5])
    assert tuple(charts.trend_chart(summary, LABELS).layout.yaxis2.range) == (0, 1.0)
    no_tk = _summary().assign(tk_rate_pct=[0.0, 0.0])
    assert tuple(charts.trend_chart(no_tk, LABELS).layout.yaxis2.range) == (0, 1.0)


def test_trend_chart_names_periods_in_the_ui_language() -> None:
    english = charts.trend_chart(_summary(), LABELS, separators=".,")
    assert list(english.data[0].x) == ["January 2025", "February 2025"]


def test_eselon1_chart_puts_the_tk_rate_on_its_own_scale() -> None:
    by_e1 = pd.DataFrame(
        {
            "eselon1_label": ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"],
            "attendance_rate_pct": [99.0, 98.0],
            "tk_rate_pct": [0.4, 0.8],
            "realisation_pct": [97.0, 96.0],
        }
    )
    figure = charts.eselon1_chart(by_e1, LABELS)
    attendance, tk, realisation = figure.data
    assert tk.yaxis == "y2" and attendance.yaxis == realisation.yaxis == "y"
    assert all(axis.overlaying is None for axis in _y_axes(figure).values())
    assert figure.layout.yaxis2.range[1] < 2  # 0,8 % reaches most of the way up
    assert list(tk.text) == ["0,4%", "0,8%"]
    # long unit names wrap under the bars instead of turning sideways
    assert list(figure.layout.xaxis2.ticktext) == [
        "Ditjen<br>Rehabilitasi<br>Sosial",
        "Sekretariat<br>Jenderal",
    ]


def test_eselon1_chart_writes_nothing_on_a_missing_rate() -> None:
    """A suppressed unit has no rates: its bars are empty, never "NaN%"."""
    by_e1 = pd.DataFrame(
        {
            "eselon1_label": ["A", "B"],
            "attendance_rate_pct": [99.0, None],
            "tk_rate_pct": [0.4, None],
            "realisation_pct": [97.0, None],
        }
    )
    assert [list(t.text) for t in charts.eselon1_chart(by_e1, LABELS).data] == [
        ["99,0%", ""],
        ["0,4%", ""],
        ["97,0%", ""],
    ]


def test_nice_ticks_are_round_steps_from_zero() -> None:
    assert charts.nice_ticks(0, 9_450_000) == [0, 2e6, 4e6, 6e6, 8e6, 1e7]
    assert charts.nice_ticks(0, 0.8, 6) == [0, 0.2, 0.4, 0.6, 0.8]
    assert charts.nice_ticks(-120, 380) == [-200, -100, 0, 100, 200, 300, 400]


def test_money_ticks_are_written_by_formats_money_short() -> None:
    indonesian = charts.money_ticks([0, 1_400_000], "id")
    assert indonesian["ticktext"] == ["Rp 0", "Rp 500 rb", "Rp 1 jt", "Rp 1,5 jt"]
    assert indonesian["tickvals"] == [0, 500_000, 1_000_000, 1_500_000]
    assert charts.money_ticks([3_400_000_000], "id")["ticktext"] == [
        "Rp 0",
        "Rp 1 M",
        "Rp 2 M",
        "Rp 3 M",
        "Rp 4 M",
    ]
    english = charts.money_ticks([0, 1_400_000], "en")["ticktext"]
    assert english == ["Rp 0", "Rp 500 k", "Rp 1 m", "Rp 1.5 m"]


def test_money_ticks_keep_neighbouring_ticks_apart() -> None:
    """One decimal would write 1,05 jt and 1,1 jt alike; the ticks get a second decimal."""
    axis = charts.money_ticks([1_000_000, 1_200_000], "id")
    assert len(set(axis["ticktext"])) == len(axis["ticktext"])


def test_waterfall_axis_reads_juta_not_m() -> None:
    steps = pd.DataFrame(
        {
            "label": ["Potensi", "TK", "Diterima"],
            "measure": ["absolute", "relative", "total"],
            "amount_idr": [10_000_000, -550_000, 9_450_000],
            "running_idr": [10_000_000, 9_450_000, 9_450_000],
        }
    )
    figure = charts.tukin_waterfall(steps, ",.")
    axis = figure.layout.yaxis
    assert axis.tickmode == "array" and axis.tickprefix is None
    assert list(axis.ticktext) == ["Rp 0", "Rp 2 jt", "Rp 4 jt", "Rp 6 jt", "Rp 8 jt", "Rp 10 jt"]
    assert list(figure.data[0].customdata) == ["Rp 10.000.000", "Rp 9.450.000", "Rp 9.450.000"]
    english = charts.tukin_waterfall(steps, ".,").layout.yaxis
    assert list(english.ticktext)[1:3] == ["Rp 2 m", "Rp 4 m"]


def _every_chart(separators: str) -> dict[str, go.Figure]:
    """Every builder over small data, in the language of ``separators``."""
    units = pd.DataFrame(
        {
            "unit_label": ["A", "B"],
            "tl_count": [3, 1],
            "psw_count": [2, 0],
            "tk_days": [1, 4],
            **{column: [1, 2] for column in charts.PREDICATE_COLUMNS},
            "value": [87.5, 92.0],
            "no_output_minutes_pct": [12.5, 3.0],
        }
    )
    outputs = pd.DataFrame(
        {
            "output_code": ["A", "B"],
            "output_name": ["a", "b"],
            "output_unit": ["berkas"] * 2,
            "output_status": ["TERTINGGAL", "SESUAI_RENCANA"],
            "tukin_per_unit_idr": [1_250_000, 20_000],
        }
    )
    quarantine = pd.DataFrame(
        {
            "quarantined_on": ["2025-03-03", "2025-03-04"],
            "reason": ["BAD_PIN", "BAD_TIME"],
            "held_rows": [2, 0],
            "resolved_rows": [1, 3],
        }
    )
    reasons = pd.DataFrame(
        {"unit_label": ["A", "B"], "code": ["X", "Y"], "n": [1, 2], "employees": [4, 8]}
    )
    return {
        "trend": charts.trend_chart(_summary(), LABELS, separators),
        "eselon1": charts.eselon1_chart(
            _summary().rename(columns={"period": "eselon1_label"}), LABELS, separators
        ),
        "discipline": charts.discipline_bars(
            units, {c: c for c in charts.DISCIPLINE_COLUMNS}, separators
        ),
        "predicates": charts.predicate_bars(
            units, {c: c for c in charts.PREDICATE_COLUMNS}, separators
        ),
        "indicator": charts.indicator_bars(units, "x", separators),
        "projection": charts.projection_chart(
            pd.DataFrame(
                {
                    "period": ["2025-03", "2025-04"],
                    "fte_projected": [5.0, 4.0],
                    "ej_projected": [1.0, 1.3],
                    "verdict_projected": ["SESUAI", "KURANG_PEGAWAI"],
                }
            ),
            {"fte_projected": "FTE", "ej_projected": "EJ"},
            separators,
            {v: v.lower() for v in charts.VERDICT_COLOURS},
        ),
        "reasons": charts.reason_bars(reasons, {"X": "x", "Y": "y"}, separators),
        "output_cost": charts.tukin_per_unit_chart(
            outputs, separators, {"TERTINGGAL": "behind", "SESUAI_RENCANA": "on plan"}
        ),
        "output_behind": charts.tukin_per_unit_chart(outputs, separators, {"TERTINGGAL": "behind"}),
        "no_output": charts.no_output_chart(units, separators),
        "quarantine": charts.quarantine_chart(
            quarantine,
            {"BAD_PIN": "pin", "BAD_TIME": "time"},
            {"held": "held", "resolved": "resolved"},
            {"day": "day", "rows": "rows"},
            separators,
        ),
    }


def _colours(trace: object) -> set[str]:
    colour = getattr(trace.marker, "color", None) if hasattr(trace, "marker") else None
    if colour is None and getattr(trace, "line", None) is not None:
        colour = trace.line.color
    if colour is None:
        return set()
    return {colour} if isinstance(colour, str) else set(colour)


@pytest.mark.parametrize("separators", [",.", ".,"])
def test_every_chart_tells_the_truth(separators: str) -> None:
    """One axis per unit (no axis over another), a legend entry for every colour that tells
    series apart, no radar of more than three series, and the language's separators."""
    for name, figure in _every_chart(separators).items():
        assert figure.layout.separators == separators, name
        axes = [figure.layout[a] for a in figure.layout if a[:5] in ("xaxis", "yaxis")]
        assert all(axis.overlaying is None for axis in axes), name
        polar = [trace for trace in figure.data if trace.type == "scatterpolar"]
        assert len(polar) <= 3, name
        coloured = set().union(*(_colours(t) for t in figure.data)) - {charts.NEUTRAL_COLOUR}
        in_legend = set().union(*(_colours(t) for t in figure.data if t.showlegend is not False))
        if len(coloured) > 1:
            assert figure.layout.showlegend is not False, name
            assert coloured <= in_legend, (name, coloured - in_legend)
