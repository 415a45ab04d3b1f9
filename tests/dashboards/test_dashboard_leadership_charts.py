"""The chart builders of the leadership pages."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboards.lib import charts


def test_checkin_heatmap_rows_are_weekdays_columns_are_times() -> None:
    distribution = pd.DataFrame(
        {"iso_weekday": [1, 1, 5], "minute_of_day": [450, 465, 450], "check_ins": [3, 4, 7]}
    )
    figure = charts.checkin_heatmap(distribution, ["Sen", "Sel", "Rab", "Kam", "Jum"], "absen")
    heatmap = figure.data[0]
    assert isinstance(heatmap, go.Heatmap)
    assert list(heatmap.x) == ["07:30", "07:45"] and list(heatmap.y) == ["Sen", "Jum"]
    assert heatmap.z.tolist()[0] == [3, 4] and heatmap.z.tolist()[1][0] == 7


def test_discipline_bars_stack_tl_psw_tk() -> None:
    units = pd.DataFrame(
        {"unit_label": ["A", "B"], "tl_count": [3, 1], "psw_count": [2, 0], "tk_days": [1, 4]}
    )
    labels = {"tl_count": "TL", "psw_count": "PSW", "tk_days": "TK"}
    figure = charts.discipline_bars(units, labels)
    assert [trace.name for trace in figure.data] == ["TL", "PSW", "TK"]
    assert figure.layout.barmode == "stack"
    assert list(figure.data[2].x) == [1, 4]


def test_capaian_histogram_labels_the_open_last_bin() -> None:
    bins = pd.DataFrame({"bin_start_pct": [90, 100, 150], "employees": [2, 5, 1]})
    figure = charts.capaian_histogram(bins, 10, 150, "Pegawai")
    assert list(figure.data[0].x) == ["90–100%", "100–110%", "≥ 150%"]
    assert list(figure.data[0].y) == [2, 5, 1]


def test_predicate_bars_are_shares_of_rated_employees() -> None:
    units = pd.DataFrame(
        {
            "unit_label": ["X", "Empty"],
            "n_sangat_baik": [1, 0],
            "n_baik": [2, 0],
            "n_butuh_perbaikan": [1, 0],
            "n_kurang": [0, 0],
            "n_sangat_kurang": [0, 0],
        }
    )
    labels = {column: column for column in charts.PREDICATE_COLUMNS}
    figure = charts.predicate_bars(units, labels)
    assert [list(trace.y) for trace in figure.data] == [["X"]] * 5  # the empty unit is left out
    assert [trace.x[0] for trace in figure.data] == [25.0, 50.0, 25.0, 0.0, 0.0]


def test_staffing_heatmap_centres_on_ej_one() -> None:
    history = pd.DataFrame(
        {
            "unit_label": ["A", "A", "B"],
            "period": ["2025-02", "2025-01", "2025-02"],
            "ej": [1.2, 1.1, 0.6],
        }
    )
    heatmap = charts.staffing_heatmap(history, "EJ").data[0]
    assert list(heatmap.x) == ["Januari 2025", "Februari 2025"] and list(heatmap.y) == ["A", "B"]
    assert heatmap.zmid == 1.0
    assert heatmap.z.tolist()[0] == [1.1, 1.2]
    assert pd.isna(heatmap.z.tolist()[1][0])


def test_projection_chart_colours_points_by_verdict() -> None:
    projection = pd.DataFrame(
        {
            "period": ["2025-03", "2025-04"],
            "fte_projected": [5.0, 4.0],
            "ej_projected": [1.0, 1.25],
            "verdict_projected": ["SESUAI", "KURANG_PEGAWAI"],
        }
    )
    figure = charts.projection_chart(projection, {"fte_projected": "FTE", "ej_projected": "EJ"})
    bars, line, *points = figure.data
    assert list(bars.y) == [5.0, 4.0] and list(line.y) == [1.0, 1.25]
    # one trace per verdict, in its colour, so the legend explains the colours
    assert [(p.name, p.marker.color, list(p.y)) for p in points] == [
        ("KURANG_PEGAWAI", charts.VERDICT_COLOURS["KURANG_PEGAWAI"], [1.25]),
        ("SESUAI", charts.VERDICT_COLOURS["SESUAI"], [1.0]),
    ]


def test_reason_bars_shares_per_unit_one_panel_per_reason() -> None:
    counts = pd.DataFrame(
        {
            "unit_label": ["U1", "U1", "U2"],
            "code": ["HUKUMAN_DISIPLIN", "BUKAN_PNS", "BUKAN_PNS"],
            "n": [2, 1, 3],
            "employees": [5, 5, 4],
        }
    )
    labels = {"BUKAN_PNS": "Bukan PNS", "HUKUMAN_DISIPLIN": "Hukuman", "PANGKAT_PUNCAK": "Puncak"}
    figure = charts.reason_bars(counts, labels)
    assert [trace.type for trace in figure.data] == ["bar"] * 3
    assert [trace.name for trace in figure.data] == ["Bukan PNS", "Hukuman", "Puncak"]
    bukan_pns, hukuman, puncak = figure.data
    assert list(bukan_pns.y) == ["U1", "U2"] == list(puncak.y)
    assert list(bukan_pns.x) == [20.0, 75.0]
    assert list(hukuman.x) == [40.0, 0.0] and list(puncak.x) == [0.0, 0.0]
    assert [a.text for a in figure.layout.annotations] == ["Bukan PNS", "Hukuman", "Puncak"]
    # one scale for every panel, so two reasons compare
    ranges = {tuple(figure.layout[a].range) for a in figure.layout if a.startswith("xaxis")}
    assert ranges == {(0, 100.0)}


def test_projection_chart_names_verdicts_and_keeps_fte_and_ej_apart() -> None:
    projection = pd.DataFrame(
        {
            "period": ["2025-03", "2025-04"],
            "fte_projected": [5.0, 4.5],
            "ej_projected": [0.814, 1.25],
            "verdict_projected": ["KELEBIHAN_PEGAWAI", "KURANG_PEGAWAI"],
        }
    )
    verdicts = {"KURANG_PEGAWAI": "Kurang pegawai", "KELEBIHAN_PEGAWAI": "Kelebihan pegawai"}
    figure = charts.projection_chart(
        projection, {"fte_projected": "FTE", "ej_projected": "EJ"}, ",.", verdicts
    )
    bars, line, *points = figure.data
    assert bars.yaxis == "y2" and line.yaxis == "y"  # two units, two panels
    assert all(figure.layout[a].overlaying is None for a in ("yaxis", "yaxis2"))
    assert [p.name for p in points] == ["Kurang pegawai", "Kelebihan pegawai"]
    assert "KURANG_PEGAWAI" not in points[0].hovertemplate
    assert figure.layout.yaxis.tickformat == ",.2~f"  # 0,8 — never 0,814
    assert list(bars.x) == ["Maret 2025", "April 2025"]
    assert figure.layout.separators == ",."


def test_staffing_heatmap_writes_ej_with_the_languages_decimal_mark() -> None:
    history = pd.DataFrame({"unit_label": ["A"], "period": ["2025-01"], "ej": [1.2]})
    assert charts.staffing_heatmap(history, "EJ").data[0].text[0][0] == "1,20"
    english = charts.staffing_heatmap(history, "EJ", ".,")
    assert english.data[0].text[0][0] == "1.20" and list(english.data[0].x) == ["January 2025"]


def test_indicator_bars_write_percentages_with_the_languages_decimal_mark() -> None:
    values = pd.DataFrame({"unit_label": ["A", "B"], "value": [87.5, 100.0]})
    assert list(charts.indicator_bars(values, "Tepat waktu").data[0].text) == ["87,5%", "100,0%"]
    assert list(charts.indicator_bars(values, "On time", ".,").data[0].text)[0] == "87.5%"


def test_count_axes_have_no_si_suffix() -> None:
    """Plotly writes 1500 as "1.5k" by default: counts are grouped digits instead."""
    units = pd.DataFrame(
        {"unit_label": ["A"], "tl_count": [1500], "psw_count": [0], "tk_days": [0]}
    )
    labels = {"tl_count": "TL", "psw_count": "PSW", "tk_days": "TK"}
    assert charts.discipline_bars(units, labels).layout.xaxis.tickformat == ","
    bins = pd.DataFrame({"bin_start_pct": [90], "employees": [1500]})
    histogram = charts.capaian_histogram(bins, 10, 150, "Pegawai")
    assert (
        histogram.layout.yaxis.tickformat == "," and histogram.data[0].texttemplate == "%{y:,.0f}"
    )
    distribution = pd.DataFrame({"iso_weekday": [1], "minute_of_day": [450], "check_ins": [1500]})
    heatmap = charts.checkin_heatmap(distribution, ["Mon"], "check-ins", ".,")
    assert heatmap.data[0].colorbar.tickformat == "," and heatmap.layout.separators == ".,"
