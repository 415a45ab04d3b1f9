"""Plotly figure builders: DataFrame in, ``go.Figure`` out, no Streamlit (unit-testable).

Labels come in as arguments so the builders stay language-free; ``separators`` is Plotly's
"decimal then thousands" setting (``",."`` for Bahasa Indonesia, ``".,"`` for English).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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

    ``summary``: one row per period with ``period`` and the ``RATE_COLUMNS``
    (measures.period_summary). TK rate has its own axis because it is a few percent next to
    rates near 100.
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


# Attendance calendar colours per statement.CALENDAR_CATEGORIES.
CALENDAR_COLOURS = {
    "HADIR": "#2ca02c",
    "HADIR_TL_PSW": "#ff7f0e",
    "TK": "#d62728",
    "DINAS_LUAR": "#1f77b4",
    "CUTI": "#9467bd",
    "NO_WORKDAY": "#d9d9d9",
}


def attendance_calendar(
    days: pd.DataFrame,
    category_labels: Mapping[str, str],
    weekday_labels: Sequence[str],
) -> go.Figure:
    """A month grid (weeks down, Monday…Sunday across), one square per day coloured by its
    category, the day number inside and the ``hover`` text on hover.

    ``days``: statement.calendar_days plus a ``hover`` column the page writes in its language.
    One trace per category, so the legend explains the colours.
    """
    fig = go.Figure()
    for category, colour in CALENDAR_COLOURS.items():
        subset = days[days["category"] == category]
        if subset.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=subset["weekday"],
                y=subset["week"],
                mode="markers+text",
                name=category_labels.get(category, category),
                marker={"symbol": "square", "size": 38, "color": colour},
                text=subset["day"].astype(str),
                textfont={"color": "white" if category != "NO_WORKDAY" else "#555"},
                hovertext=subset.get("hover"),
                hoverinfo="text",
            )
        )
    weeks = int(days["week"].max()) + 1 if not days.empty else 5
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(range(7)),
        ticktext=list(weekday_labels),
        range=[-0.6, 6.6],
        side="top",
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(
        range=[weeks - 0.4, -0.6], showticklabels=False, showgrid=False, zeroline=False
    )
    fig.update_layout(
        height=70 + 52 * weeks,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def tukin_waterfall(steps: pd.DataFrame, separators: str = ",.") -> go.Figure:
    """Potential tukin, one falling step per cause of deduction, and the net at the end.

    ``steps``: statement.waterfall_steps (columns ``label``, ``measure``, ``amount_idr``,
    ``running_idr``). The total bar is Plotly's running sum of the steps, which
    waterfall_steps makes equal to the net exactly; its text is the net from the data.
    """
    measures = steps["measure"].tolist()
    y = [0 if m == "total" else a for m, a in zip(measures, steps["amount_idr"], strict=True)]
    text = [_rupiah_text(a, separators) for a in steps["amount_idr"]]
    fig = go.Figure(
        go.Waterfall(
            x=steps["label"].tolist(),
            measure=measures,
            y=y,
            text=text,
            textposition="outside",
            customdata=steps["running_idr"],
            hovertemplate="%{x}: %{text}<br>→ Rp %{customdata:,.0f}<extra></extra>",
            connector={"line": {"color": "#999"}},
            decreasing={"marker": {"color": "#d62728"}},
            increasing={"marker": {"color": "#2ca02c"}},
            totals={"marker": {"color": "#1f77b4"}},
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickprefix="Rp ", rangemode="tozero")
    fig.update_layout(showlegend=False)
    return _layout(fig, separators)


def _rupiah_text(amount: float, separators: str) -> str:
    """``Rp 1.234.567`` / ``-Rp 50.000`` with the thousands mark of ``separators``."""
    digits = f"{abs(amount):,.0f}".replace(",", separators[1])
    return f"{'-' if amount < 0 else ''}Rp {digits}"


# --- leadership pages: Kedisiplinan, Kinerja, Beban Kerja, Promosi, Indikator RB ------
DISCIPLINE_COLUMNS = ("tl_count", "psw_count", "tk_days")
_DISCIPLINE_COLOURS = {"tl_count": "#ff7f0e", "psw_count": "#9467bd", "tk_days": "#d62728"}
PREDICATE_COLUMNS = ("n_sangat_baik", "n_baik", "n_butuh_perbaikan", "n_kurang", "n_sangat_kurang")
_PREDICATE_COLOURS = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")
VERDICT_COLOURS = {
    "KURANG_PEGAWAI": "#d62728",
    "SESUAI": "#2ca02c",
    "KELEBIHAN_PEGAWAI": "#ff7f0e",
}


def _clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def checkin_heatmap(
    distribution: pd.DataFrame, weekday_labels: Sequence[str], hover_label: str
) -> go.Figure:
    """Check-ins by weekday (rows, Monday first) and time of day (columns), as counts.

    ``distribution``: attendance.checkin_distribution (``iso_weekday`` 1–7, ``minute_of_day``,
    ``check_ins``). Only weekdays and buckets with check-ins get a row or a column.
    """
    grid = distribution.pivot_table(
        index="iso_weekday", columns="minute_of_day", values="check_ins", aggfunc="sum"
    ).sort_index()
    grid = grid.reindex(columns=sorted(grid.columns))
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[_clock(int(m)) for m in grid.columns],
            y=[weekday_labels[int(d) - 1] for d in grid.index],
            colorscale="Blues",
            hovertemplate="%{y} %{x}: %{z:,.0f} " + hover_label + "<extra></extra>",
            colorbar={"title": hover_label},
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=320)
    return _layout(fig, ",.")


def discipline_bars(
    units: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Stacked horizontal bars of TL, PSW and TK per unit (``unit_label``), largest on top.

    ``units``: discipline.discipline_by_unit without suppressed rows, plus ``unit_label``.
    """
    fig = go.Figure()
    for column in DISCIPLINE_COLUMNS:
        fig.add_trace(
            go.Bar(
                y=units["unit_label"],
                x=units[column],
                name=labels[column],
                orientation="h",
                marker_color=_DISCIPLINE_COLOURS[column],
                hovertemplate="%{y}: %{x:,.0f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(barmode="stack", height=max(260, 60 + 26 * len(units)), hovermode="closest")
    fig.update_yaxes(autorange="reversed", type="category")
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def capaian_histogram(
    bins: pd.DataFrame, bin_width: int, top_bin: int, y_label: str, separators: str = ",."
) -> go.Figure:
    """Employees per capaian bin (``bin_start_pct``…``+bin_width``; the last bin is open).

    ``bins``: performance.capaian_distribution.
    """
    labels = [f"≥ {b}%" if b >= top_bin else f"{b}–{b + bin_width}%" for b in bins["bin_start_pct"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=bins["employees"],
            marker_color="#1f77b4",
            text=bins["employees"],
            textposition="outside",
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_label, rangemode="tozero")
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def predicate_bars(
    units: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """100 %-stacked bars of the predicate shares per unit (``unit_label``).

    ``units``: R5 measures with the ``PREDICATE_COLUMNS`` counts (measures.child_units or
    measures.period_summary) plus ``unit_label``; units without rated employees are left out.
    """
    rated = units[list(PREDICATE_COLUMNS)].sum(axis=1)
    units = units[rated > 0]
    shares = units[list(PREDICATE_COLUMNS)].div(rated[rated > 0], axis=0) * 100
    fig = go.Figure()
    for column, colour in zip(PREDICATE_COLUMNS, _PREDICATE_COLOURS, strict=True):
        fig.add_trace(
            go.Bar(
                y=units["unit_label"],
                x=shares[column],
                name=labels[column],
                orientation="h",
                marker_color=colour,
                customdata=units[column],
                hovertemplate="%{y}: %{x:.1f}% (%{customdata:,.0f})<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(barmode="stack", height=max(240, 80 + 30 * len(units)))
    fig.update_xaxes(ticksuffix="%", range=[0, 100])
    fig.update_yaxes(autorange="reversed", type="category")
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def indicator_bars(values: pd.DataFrame, value_label: str, separators: str = ",.") -> go.Figure:
    """One horizontal bar per unit (``unit_label``) of an indicator's ``value`` (0–100 %)."""
    fig = go.Figure(
        go.Bar(
            y=values["unit_label"],
            x=values["value"],
            orientation="h",
            marker_color="#1f77b4",
            text=[f"{v:.1f}" for v in values["value"]],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
            name=value_label,
        )
    )
    fig.update_xaxes(ticksuffix="%", range=[0, 110])
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(220, 70 + 28 * len(values)), showlegend=False)
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def staffing_heatmap(history: pd.DataFrame, ej_label: str) -> go.Figure:
    """EJ of each unit (rows, ``unit_label``) in each month (columns): red above 1 (more work
    than staff), blue below (more staff than work), white at 1.

    ``history``: staffing.staffing_units over every month (no suppressed rows) plus ``unit_label``.
    """
    grid = history.pivot_table(
        index="unit_label", columns="period", values="ej", aggfunc="first", sort=False
    )
    grid = grid.reindex(columns=sorted(grid.columns))
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=list(grid.columns),
            y=list(grid.index),
            colorscale="RdBu_r",
            zmid=1.0,
            text=[[("" if pd.isna(v) else f"{v:.2f}") for v in row] for row in grid.to_numpy()],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: EJ %{z:.2f}<extra></extra>",
            colorbar={"title": ej_label},
        )
    )
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(260, 80 + 24 * len(grid.index)))
    return _layout(fig, ",.")


def projection_chart(
    projection: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Projected FTE (bars, left axis) and EJ (line, right axis) for the 12 months ahead, each
    EJ point coloured by its projected verdict.

    ``projection``: staffing.staffing_projection (``period``, ``fte_projected``, ``ej_projected``,
    ``verdict_projected``).
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    periods = projection["period"].tolist()
    fig.add_trace(
        go.Bar(
            x=periods,
            y=projection["fte_projected"],
            name=labels["fte_projected"],
            marker_color="#9ecae1",
            hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>",
        ),
        secondary_y=False,
    )
    colours = [VERDICT_COLOURS.get(v, "#777") for v in projection["verdict_projected"]]
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=projection["ej_projected"],
            name=labels["ej_projected"],
            mode="lines+markers",
            line={"color": "#444"},
            marker={"color": colours, "size": 10},
            customdata=projection["verdict_projected"],
            hovertemplate="%{x}: EJ %{y:.2f} · %{customdata}<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=labels["fte_projected"], rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title_text=labels["ej_projected"], rangemode="tozero", showgrid=False, secondary_y=True
    )
    return _layout(fig, separators)


def reason_radar(
    counts: pd.DataFrame, reason_labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """One polygon per unit (``unit_label``): the share (%) of its employees blocked by each
    reason code, the axes being every code in ``reason_labels`` (so all polygons share them).

    ``counts``: one row per unit per code with ``n`` and the group's ``employees``
    (promotion.promotion_summary, REASON rows, not suppressed).
    """
    codes = list(reason_labels)
    fig = go.Figure()
    for unit_label, rows in counts.groupby("unit_label", sort=False):
        by_code = dict(zip(rows["code"], rows["n"], strict=True))
        employees = float(rows["employees"].iloc[0]) or 1.0
        shares = [100 * float(by_code.get(code, 0)) / employees for code in codes]
        fig.add_trace(
            go.Scatterpolar(
                r=[*shares, shares[0]],
                theta=[*(reason_labels[c] for c in codes), reason_labels[codes[0]]],
                name=str(unit_label),
                fill="toself",
                opacity=0.55,
                hovertemplate="%{theta}: %{r:.1f}%<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        polar={
            "radialaxis": {
                "ticksuffix": "%",
                "rangemode": "tozero",
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 9},
            },
            "angularaxis": {"tickfont": {"size": 11}},
        },
        height=540,
        separators=separators,
        margin={"l": 160, "r": 160, "t": 40, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
    )
    return fig


# --- Output & Anggaran and Pengembangan ---------------------------------------------
AXIS_LEVELS = ("LOW", "MID", "HIGH")  # R12, lowest first
_STATUS_COLOURS = {"TERTINGGAL": "#d62728", "SESUAI_RENCANA": "#2ca02c"}


def output_trend_chart(
    trend: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Budget-weighted output realisation against the linear plan, by period (R11).

    ``trend``: one row per period with ``period``, ``output_realisation_pct`` and
    ``output_planned_pct`` (outputs.output_trend); ``labels`` names the two series.
    """
    fig = go.Figure()
    for column, colour, dash in (
        ("output_planned_pct", "#7f7f7f", "dash"),
        ("output_realisation_pct", "#1f77b4", "solid"),
    ):
        fig.add_trace(
            go.Scatter(
                x=trend["period"].tolist(),
                y=trend[column],
                name=labels[column],
                mode="lines+markers",
                line={"color": colour, "dash": dash},
                hovertemplate=_PCT_HOVER,
            )
        )
    fig.update_xaxes(type="category")  # periods, not dates
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return _layout(fig, separators)


def tukin_per_unit_chart(outputs: pd.DataFrame, separators: str = ",.") -> go.Figure:
    """Tukin cost per unit of output realised (R11), one horizontal bar per output, the most
    expensive on top, coloured by status.

    ``outputs``: outputs.output_realisation rows; outputs without any volume yet are left out.
    """
    costed = outputs.dropna(subset=["tukin_per_unit_idr"]).sort_values("tukin_per_unit_idr")
    fig = go.Figure(
        go.Bar(
            x=costed["tukin_per_unit_idr"],
            y=costed["output_code"],
            orientation="h",
            marker_color=[_STATUS_COLOURS.get(s, "#7f7f7f") for s in costed["output_status"]],
            customdata=costed[["output_name", "output_unit"]].to_numpy(),
            hovertemplate="%{customdata[0]}<br>Rp %{x:,.0f} / %{customdata[1]}<extra></extra>",
        )
    )
    fig.update_xaxes(tickprefix="Rp ")
    fig = _layout(fig, separators)
    fig.update_layout(hovermode="closest", height=max(300, 28 * len(costed) + 80))
    return fig


def no_output_chart(units: pd.DataFrame, separators: str = ",.") -> go.Figure:
    """Share of credited minutes with no RKAKL output per unit (R11), one bar per unit.

    ``units``: rows with ``unit_label`` and ``no_output_minutes_pct`` (outputs.output_child_units).
    """
    fig = go.Figure(
        go.Bar(
            x=units["unit_label"].tolist(),
            y=units["no_output_minutes_pct"],
            marker_color="#ff7f0e",
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    fig = _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def development_grid_chart(
    grid: pd.DataFrame, level_labels: Mapping[str, str], axis_labels: Mapping[str, str]
) -> go.Figure:
    """The R12 3 × 3 grid as a heatmap of employee counts: behaviour across, performance up.

    ``grid``: rows with ``performance_axis``, ``behaviour_axis`` and ``employees``
    (development.development_grid); empty cells show 0. ``axis_labels`` has keys ``performance`` and
    ``behaviour``; ``level_labels`` names LOW, MID and HIGH.
    """
    counts = {(r.performance_axis, r.behaviour_axis): int(r.employees) for r in grid.itertuples()}
    z = [[counts.get((p, b), 0) for b in AXIS_LEVELS] for p in AXIS_LEVELS]
    names = [level_labels[level] for level in AXIS_LEVELS]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            text=[[str(v) for v in row] for row in z],
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} / %{x}: %{z}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=axis_labels["behaviour"], type="category")
    fig.update_yaxes(title_text=axis_labels["performance"], type="category")
    fig.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=360)
    return fig


# --- data quality (Kualitas data) ----------------------------------------------------------------
_REASON_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def quarantine_chart(
    by_day: pd.DataFrame,
    reason_labels: Mapping[str, str],
    state_labels: Mapping[str, str],
    axis_labels: Mapping[str, str],
    separators: str = ",.",
) -> go.Figure:
    """Rows quarantined per day (``quarantined_on``), stacked by reason: the rows still held
    solid, those since resolved hatched in the same colour (one legend entry per reason).

    ``by_day``: quality.quarantine_by_day (any filter applied); ``reason_labels`` maps each
    reason code to its words, ``state_labels`` ``held``/``resolved`` and ``axis_labels``
    ``day``/``rows`` to the UI language.
    """
    days = by_day.assign(quarantined_on=pd.to_datetime(by_day["quarantined_on"]))
    per_reason = days.groupby(["reason", "quarantined_on"], as_index=False)[
        ["held_rows", "resolved_rows"]
    ].sum()
    order = per_reason.groupby("reason")["held_rows"].sum().sort_values(ascending=False).index
    fig = go.Figure()
    for index, reason in enumerate(order):
        rows = per_reason[per_reason["reason"] == reason]
        colour = _REASON_COLOURS[index % len(_REASON_COLOURS)]
        name = reason_labels.get(reason, reason)
        for state, column in (("held", "held_rows"), ("resolved", "resolved_rows")):
            if not rows[column].any():
                continue
            fig.add_trace(
                go.Bar(
                    x=rows["quarantined_on"],
                    y=rows[column],
                    name=name,
                    legendgroup=reason,
                    showlegend=state == "held" or not rows["held_rows"].any(),
                    marker_color=colour,
                    marker_pattern_shape="" if state == "held" else "/",
                    opacity=1.0 if state == "held" else 0.55,
                    hovertemplate=f"%{{x|%Y-%m-%d}} · {state_labels[state]}: %{{y:,.0f}}"
                    "<extra>%{fullData.name}</extra>",
                )
            )
    fig.update_layout(barmode="stack", height=360)
    fig.update_xaxes(title_text=axis_labels["day"], type="date", tickformat="%Y-%m-%d")
    fig.update_yaxes(title_text=axis_labels["rows"], rangemode="tozero")
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig
