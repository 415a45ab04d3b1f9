"""Plotly figure builders: DataFrame in, ``go.Figure`` out, no Streamlit (unit-testable).

Labels come in as arguments so the builders stay language-free; ``separators`` is Plotly's
"decimal then thousands" setting (``",."`` for Bahasa Indonesia, ``".,"`` for English).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

# Rates shown in the trend and the eselon I comparison, all 0–100 percentages.
RATE_COLUMNS = ("attendance_rate_pct", "tk_rate_pct", "realisation_pct")
_COLOURS = {
    "attendance_rate_pct": "#1f77b4",
    "tk_rate_pct": "#d62728",
    "realisation_pct": "#2ca02c",
}
_PCT_HOVER = "%{y:.1f}%<extra>%{fullData.name}</extra>"


def _layout(fig: go.Figure, separators: str) -> go.Figure:
    fig.update_layout(
        separators=separators,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
    )
    return fig


def trend_chart(
    summary: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Attendance rate and realisation (lines, left axis) and TK rate (bars, right axis) by period.

    ``summary``: one row per period with ``period`` and the ``RATE_COLUMNS`` (data.period_summary).
    TK rate has its own axis because it is a few percent next to rates near 100.
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    periods = summary["period"].tolist()
    fig.add_trace(
        go.Bar(
            x=periods,
            y=summary["tk_rate_pct"],
            name=labels["tk_rate_pct"],
            marker_color=_COLOURS["tk_rate_pct"],
            opacity=0.6,
            hovertemplate=_PCT_HOVER,
        ),
        secondary_y=True,
    )
    for column in ("attendance_rate_pct", "realisation_pct"):
        fig.add_trace(
            go.Scatter(
                x=periods,
                y=summary[column],
                name=labels[column],
                mode="lines+markers",
                line={"color": _COLOURS[column]},
                hovertemplate=_PCT_HOVER,
            ),
            secondary_y=False,
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(ticksuffix="%", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title_text=labels["tk_rate_pct"],
        ticksuffix="%",
        tickformat=".1f",
        range=[0, _tk_axis_top(summary)],
        showgrid=False,
        secondary_y=True,
    )
    return _layout(fig, separators)


def _tk_axis_top(summary: pd.DataFrame) -> float:
    """Top of the TK axis: three times the highest TK rate, so its bars fill the lower third
    of the chart and stay clear of the lines near 100 %."""
    highest = summary["tk_rate_pct"].max()
    return 3 * float(highest) if pd.notna(highest) and highest > 0 else 10.0


def eselon1_chart(
    by_eselon1: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Grouped bars of the ``RATE_COLUMNS`` per eselon I unit, one trace per rate.

    ``by_eselon1``: one row per eselon I unit with a display column ``eselon1_label`` and the
    rates (data.eselon1_summary plus the label the page adds).
    """
    fig = go.Figure()
    units = by_eselon1["eselon1_label"].tolist()
    for column in RATE_COLUMNS:
        fig.add_trace(
            go.Bar(
                x=units,
                y=by_eselon1[column],
                name=labels[column],
                marker_color=_COLOURS[column],
                texttemplate="%{y:.1f}",
                textposition="outside",
                hovertemplate=_PCT_HOVER,
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return _layout(fig, separators)
