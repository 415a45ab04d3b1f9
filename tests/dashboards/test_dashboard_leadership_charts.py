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
    assert list(heatmap.x) == ["2025-01", "2025-02"] and list(heatmap.y) == ["A", "B"]
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
    bars, line = figure.data
    assert list(bars.y) == [5.0, 4.0] and list(line.y) == [1.0, 1.25]
    assert list(line.marker.color) == [
        charts.VERDICT_COLOURS["SESUAI"],
        charts.VERDICT_COLOURS["KURANG_PEGAWAI"],
    ]


def test_reason_radar_shares_per_unit_on_common_axes() -> None:
    counts = pd.DataFrame(
        {
            "unit_label": ["U1", "U1", "U2"],
            "code": ["HUKUMAN_DISIPLIN", "BUKAN_PNS", "BUKAN_PNS"],
            "n": [2, 1, 3],
            "employees": [5, 5, 4],
        }
    )
    labels = {"BUKAN_PNS": "Bukan PNS", "HUKUMAN_DISIPLIN": "Hukuman", "PANGKAT_PUNCAK": "Puncak"}
    figure = charts.reason_radar(counts, labels)
    u1, u2 = figure.data
    assert list(u1.theta) == ["Bukan PNS", "Hukuman", "Puncak", "Bukan PNS"]  # closed
    assert list(u1.r) == [20.0, 40.0, 0.0, 20.0]
    assert list(u2.r) == [75.0, 0.0, 0.0, 75.0]
