"""lib/charts.py: pure figure builders (no Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

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
        assert list(trace.x) == ["2025-01", "2025-02"]
    assert list(by_name["Tingkat TK"].y) == [2.5, 5.0]
    assert by_name["Tingkat TK"].type == "bar"
    assert by_name["Tingkat kehadiran"].type == "scatter"
    assert figure.layout.xaxis.type == "category"
    assert figure.layout.separators == ",."
    assert tuple(figure.layout.yaxis2.range) == (0, 15.0)  # 3 × the highest TK rate


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
