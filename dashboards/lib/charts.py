"""Plotly figure builders: DataFrame in, ``go.Figure`` out, no Streamlit (unit-testable).

Labels come in as arguments so the builders stay language-free; ``separators`` is Plotly's
"decimal then thousands" setting (``",."`` for Bahasa Indonesia, ``".,"`` for English) and
also names the language of the texts a builder writes itself (money ticks, dates, periods),
all through eperf.formats.

Rules every builder keeps: one axis per unit of measure, and two measures of the same unit on
different scales (TK rate beside attendance rate) go in panels of their own, never on a second
axis laid over the first; a legend wherever colour tells series apart; money ticks written by
``formats.money_short`` (Plotly's own ``20M``/``20k`` reads as *miliar*/English in Indonesian),
so they are computed here as tick values and texts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from eperf import formats

# Rates shown in the trend and the eselon I comparison, all 0–100 percentages.
RATE_COLUMNS = ("attendance_rate_pct", "tk_rate_pct", "realisation_pct")
# The rates near 100 share a panel; the TK rate, a few percent, gets its own scale.
HIGH_RATE_COLUMNS = ("attendance_rate_pct", "realisation_pct")
_COLOURS = {
    "attendance_rate_pct": "#1f77b4",
    "tk_rate_pct": "#d62728",
    "realisation_pct": "#2ca02c",
}
_PCT_HOVER = "%{y:.1f}%<extra>%{fullData.name}</extra>"
_COUNT_FORMAT = ","  # d3: grouped digits, no SI suffix (Plotly's default writes 1.5k)
_LANGUAGE_OF = {",.": "id", ".,": "en"}


def language_of(separators: str) -> str:
    """The UI language whose number convention ``separators`` is (``",."`` → ``id``)."""
    return _LANGUAGE_OF.get(separators, "id")


def _layout(fig: go.Figure, separators: str) -> go.Figure:
    fig.update_layout(
        separators=separators,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
    )
    return fig


def _nice_step(span: float, count: int) -> float:
    """The 1-2-5 step that cuts ``span`` into at most ``count`` intervals."""
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from ``low`` (or 0) to at least ``high`` (or 0), at most ``count``
    intervals, 1-2-5 steps: ``nice_ticks(0, 9_450_000)`` → 0, 2 jt, … 10 jt."""
    low, high = min(float(low), 0.0), max(float(high), 0.0)
    if high - low <= 0:
        high = low + 1
    step = _nice_step(high - low, count)
    first = math.floor(low / step)
    last = math.ceil(high / step)
    return [round(i * step, 6) for i in range(first, last + 1)]


def money_ticks(values: Sequence[float] | pd.Series, lang: str) -> dict:
    """``tickvals``, ``ticktext`` and ``range`` of a money axis covering ``values`` and 0, the
    texts by ``formats.money_short`` (``Rp 1,2 jt``, ``Rp 3,4 M``), with as many decimals as
    keep neighbouring ticks apart."""
    present = [float(v) for v in values if pd.notna(v)]
    ticks = nice_ticks(min(present, default=0.0), max(present, default=0.0))
    for decimals in (1, 2, 3):
        texts = [formats.money_short(v, lang, decimals) for v in ticks]
        if len(set(texts)) == len(texts):
            break
    pad = (ticks[-1] - ticks[0]) * 0.02
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": texts,
        "range": [ticks[0] - pad if ticks[0] < 0 else ticks[0], ticks[-1] + pad],
    }


def _full_scale_ticks(lang: str) -> dict:
    """The 0–100 % axis of rates near 100, its ticks written out (``75%``): Plotly leaves the
    suffix off ticks given as values."""
    ticks = [0, 25, 50, 75, 100]
    return {"tickvals": ticks, "ticktext": [formats.percent(v, lang, 0) for v in ticks]}


def _rate_text(value: object, lang: str) -> str:
    """A rate written on its bar (``87,5%``); nothing for a missing one (a suppressed unit)."""
    return "" if pd.isna(value) else formats.percent(value, lang)


def _period_labels(periods: Sequence[str], lang: str) -> list[str]:
    """Pay periods (``2025-05``) as their names (``Mei 2025``), for a category axis."""
    return [formats.period(str(p), lang) for p in periods]


def _rate_top(values: pd.Series | Sequence[float], floor: float = 1.0) -> float:
    """Top of a rate axis that shows small rates: the highest value plus a fifth, rounded up to
    a 1-2-5 step, at least ``floor`` percent (so a month with no TK still has a scale)."""
    highest = max((float(v) for v in values if pd.notna(v)), default=0.0)
    if highest <= 0:
        return floor
    return max(floor, nice_ticks(0, highest * 1.2, 6)[-1])


def _wrapped(label: str, width: int = 18) -> str:
    """A long category label broken into lines of about ``width`` characters (Plotly ``<br>``),
    so unit names under a bar chart fit a 1280 px window without turning sideways."""
    lines: list[str] = []
    for word in str(label).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def trend_chart(
    summary: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Attendance rate and realisation (lines, upper panel, 0–100 %) and the TK rate (bars,
    lower panel, its own scale) by period.

    ``summary``: one row per period with ``period`` and the ``RATE_COLUMNS``
    (measures.period_summary). The TK rate is a few percent next to rates near 100: on one
    scale its bars vanish, on a second axis over the first a 0,8 % rate looks like 30 %; a
    panel of its own, with its scale written on it, shows it truthfully.
    """
    lang = language_of(separators)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.1
    )
    periods = _period_labels(summary["period"].tolist(), lang)
    fig.add_trace(
        go.Bar(
            x=periods,
            y=summary["tk_rate_pct"],
            name=labels["tk_rate_pct"],
            marker_color=_COLOURS["tk_rate_pct"],
            hovertemplate=_PCT_HOVER,
        ),
        row=2,
        col=1,
    )
    for column in HIGH_RATE_COLUMNS:
        fig.add_trace(
            go.Scatter(
                x=periods,
                y=summary[column],
                name=labels[column],
                mode="lines+markers",
                line={"color": _COLOURS[column]},
                hovertemplate=_PCT_HOVER,
            ),
            row=1,
            col=1,
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 105], **_full_scale_ticks(lang), row=1, col=1)
    fig.update_yaxes(
        title_text=labels["tk_rate_pct"],
        ticksuffix="%",
        range=[0, _rate_top(summary["tk_rate_pct"])],
        nticks=4,
        row=2,
        col=1,
    )
    _layout(fig, separators)
    fig.update_layout(height=440, hoversubplots="axis")
    return fig


def eselon1_chart(
    by_eselon1: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Grouped bars per eselon I unit: attendance and realisation in the upper panel (0–100 %),
    the TK rate in the lower panel on its own scale (on 0–100 % its bars would not show).

    ``by_eselon1``: one row per eselon I unit with a display column ``eselon1_label`` and the
    rates (data.eselon1_summary plus the label the page adds). One trace per rate, in the order
    of ``RATE_COLUMNS``.
    """
    lang = language_of(separators)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.08
    )
    units = by_eselon1["eselon1_label"].tolist()
    for column in RATE_COLUMNS:
        fig.add_trace(
            go.Bar(
                x=units,
                y=by_eselon1[column],
                name=labels[column],
                marker_color=_COLOURS[column],
                text=[_rate_text(v, lang) for v in by_eselon1[column]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=_PCT_HOVER,
            ),
            row=2 if column == "tk_rate_pct" else 1,
            col=1,
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(
        type="category", tickmode="array", tickvals=units, ticktext=[_wrapped(u) for u in units]
    )
    fig.update_yaxes(range=[0, 118], **_full_scale_ticks(lang), row=1, col=1)
    fig.update_yaxes(
        title_text=labels["tk_rate_pct"],
        ticksuffix="%",
        range=[0, 1.25 * _rate_top(by_eselon1["tk_rate_pct"])],
        nticks=4,
        row=2,
        col=1,
    )
    _layout(fig, separators)
    fig.update_layout(height=520)
    return fig


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
    waterfall_steps makes equal to the net exactly; its text is the net from the data. Bar texts
    and hovers are whole rupiah (``formats.money``), the axis ``formats.money_short``.
    """
    lang = language_of(separators)
    measures = steps["measure"].tolist()
    y = [0 if m == "total" else a for m, a in zip(measures, steps["amount_idr"], strict=True)]
    fig = go.Figure(
        go.Waterfall(
            x=steps["label"].tolist(),
            measure=measures,
            y=y,
            text=[formats.money(a, lang) for a in steps["amount_idr"]],
            textposition="outside",
            cliponaxis=False,
            customdata=[formats.money(r, lang) for r in steps["running_idr"]],
            hovertemplate="%{x}: %{text}<br>→ %{customdata}<extra></extra>",
            connector={"line": {"color": "#999"}},
            decreasing={"marker": {"color": "#d62728"}},
            increasing={"marker": {"color": "#2ca02c"}},
            totals={"marker": {"color": "#1f77b4"}},
        )
    )
    fig.update_xaxes(
        type="category",
        tickmode="array",
        tickvals=steps["label"].tolist(),
        ticktext=[_wrapped(label, 14) for label in steps["label"]],
    )
    axis = money_ticks([*steps["running_idr"], *steps["amount_idr"].clip(lower=0)], lang)
    axis["range"][1] = axis["range"][1] * 1.08  # room for the text above the tallest bar
    fig.update_yaxes(**axis)
    fig.update_layout(showlegend=False)
    return _layout(fig, separators)


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
# Panels per row of the blocking-reason small multiples: four fit a 1280 px window.
REASON_PANEL_COLUMNS = 4


def _clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def checkin_heatmap(
    distribution: pd.DataFrame,
    weekday_labels: Sequence[str],
    hover_label: str,
    separators: str = ",.",
) -> go.Figure:
    """Check-ins by weekday (rows, Monday first) and time of day (columns), as counts; the
    colour bar is the legend of the colours.

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
            colorbar={"title": hover_label, "tickformat": _COUNT_FORMAT},
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=320)
    return _layout(fig, separators)


def discipline_bars(
    units: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Stacked horizontal bars of TL, PSW and TK per unit (``unit_label``), largest on top.

    ``units``: discipline.discipline_by_unit without suppressed rows, plus ``unit_label``.
    TL and PSW are counts of days and TK days: one unit (days), one axis.
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
    fig.update_layout(barmode="stack", height=max(260, 60 + 26 * len(units)))
    fig.update_xaxes(tickformat=_COUNT_FORMAT, rangemode="tozero")
    fig.update_yaxes(autorange="reversed", type="category")
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def capaian_histogram(
    bins: pd.DataFrame, bin_width: int, top_bin: int, y_label: str, separators: str = ",."
) -> go.Figure:
    """Employees per capaian bin (``bin_start_pct``…``+bin_width``; the last bin is open).

    ``bins``: performance.capaian_distribution. One colour, one series: no legend.
    """
    labels = [f"≥ {b}%" if b >= top_bin else f"{b}–{b + bin_width}%" for b in bins["bin_start_pct"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=bins["employees"],
            name=y_label,
            marker_color="#1f77b4",
            texttemplate="%{y:,.0f}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_label, rangemode="tozero", tickformat=_COUNT_FORMAT)
    _layout(fig, separators)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def predicate_bars(
    units: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """100 %-stacked bars of the predicate shares per unit (``unit_label``).

    ``units``: R5 measures with the ``PREDICATE_COLUMNS`` counts (measures.child_units or
    measures.period_summary) plus ``unit_label``; units without rated employees are left out.
    Shares of one whole add up to 100 %, so 0–100 % is their scale.
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
    """One horizontal bar per unit (``unit_label``) of an indicator's ``value`` (0–100 %), its
    value written at the end of the bar (``formats.percent``)."""
    lang = language_of(separators)
    highest = max((float(v) for v in values["value"] if pd.notna(v)), default=0.0)
    fig = go.Figure(
        go.Bar(
            y=values["unit_label"],
            x=values["value"],
            orientation="h",
            marker_color="#1f77b4",
            text=[formats.percent(v, lang) for v in values["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
            name=value_label,
        )
    )
    fig.update_xaxes(ticksuffix="%", range=[0, max(100.0, highest) * 1.12])
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(220, 70 + 28 * len(values)), showlegend=False)
    _layout(fig, separators)
    fig.update_layout(hovermode="closest")
    return fig


def staffing_heatmap(history: pd.DataFrame, ej_label: str, separators: str = ",.") -> go.Figure:
    """EJ of each unit (rows, ``unit_label``) in each month (columns, by name): red above 1
    (more work than staff), blue below (more staff than work), white at 1; the colour bar is
    the legend, the EJ is written in each cell.

    ``history``: staffing.staffing_units over every month (no suppressed rows) plus ``unit_label``.
    """
    lang = language_of(separators)
    grid = history.pivot_table(
        index="unit_label", columns="period", values="ej", aggfunc="first", sort=False
    )
    grid = grid.reindex(columns=sorted(grid.columns))
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=_period_labels(list(grid.columns), lang),
            y=list(grid.index),
            colorscale="RdBu_r",
            zmid=1.0,
            text=[
                [("" if pd.isna(v) else formats.number(v, lang, 2)) for v in row]
                for row in grid.to_numpy()
            ],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: " + ej_label + " %{z:.2f}<extra></extra>",
            colorbar={"title": ej_label, "tickformat": ".1f"},
        )
    )
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(260, 80 + 24 * len(grid.index)))
    return _layout(fig, separators)


def projection_chart(
    projection: pd.DataFrame,
    labels: Mapping[str, str],
    separators: str = ",.",
    verdict_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Projected EJ (line, upper panel, with EJ = 1 marked) and FTE (bars, lower panel) for the
    12 months ahead: two units of measure, two panels, never one axis laid over another.

    Each EJ point is coloured by its projected verdict, one legend entry per verdict named by
    ``verdict_labels`` (the verdict code where a label is missing).
    ``projection``: staffing.staffing_projection (``period``, ``fte_projected``, ``ej_projected``,
    ``verdict_projected``).
    """
    lang = language_of(separators)
    verdict_labels = verdict_labels or {}
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.1
    )
    periods = _period_labels(projection["period"].tolist(), lang)
    fig.add_trace(
        go.Bar(
            x=periods,
            y=projection["fte_projected"],
            name=labels["fte_projected"],
            marker_color="#9ecae1",
            hovertemplate="%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=projection["ej_projected"],
            name=labels["ej_projected"],
            mode="lines",
            line={"color": "#444"},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    verdicts = projection["verdict_projected"].tolist()
    for verdict, colour in VERDICT_COLOURS.items():
        points = [i for i, v in enumerate(verdicts) if v == verdict]
        if not points:
            continue
        name = verdict_labels.get(verdict, verdict)
        fig.add_trace(
            go.Scatter(
                x=[periods[i] for i in points],
                y=projection["ej_projected"].iloc[points],
                name=name,
                mode="markers",
                marker={"color": colour, "size": 10},
                hovertemplate="%{x}: "
                + labels["ej_projected"]
                + " %{y:.2f} · "
                + name
                + "<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_hline(y=1.0, line={"color": "#999", "dash": "dot"}, row=1, col=1)
    fig.update_xaxes(type="category")
    fig.update_yaxes(
        title_text=labels["ej_projected"], rangemode="tozero", tickformat=",.2~f", row=1, col=1
    )
    fig.update_yaxes(
        title_text=labels["fte_projected"], rangemode="tozero", tickformat=",.2~f", row=2, col=1
    )
    _layout(fig, separators)
    fig.update_layout(height=460, hovermode="closest")
    return fig


def reason_bars(
    counts: pd.DataFrame, reason_labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Small multiples, one panel per reason code in ``reason_labels`` (titled by its label):
    horizontal bars of the share (%) of each unit's employees (``unit_label``, rows in the
    order of ``counts``) that the reason blocks. Every panel has the same scale, so bars of
    two reasons compare; one reason per panel, one colour, no legend needed. An employee can be
    blocked by several reasons, so the shares of a unit do not add up and are not stacked.

    ``counts``: one row per unit per code with ``n`` and the group's ``employees``
    (promotion.promotion_summary, REASON rows, not suppressed).
    """
    codes = list(reason_labels)
    units = list(dict.fromkeys(counts["unit_label"].astype(str)))
    blocked = {code: [0.0] * len(units) for code in codes}
    headcounts = [0.0] * len(units)
    for index, unit in enumerate(units):
        rows = counts[counts["unit_label"].astype(str) == unit]
        headcounts[index] = float(rows["employees"].iloc[0])
        for code, n in zip(rows["code"], rows["n"], strict=True):
            if code in blocked:
                blocked[code][index] += float(n)
    columns = max(1, min(REASON_PANEL_COLUMNS, len(codes)))
    rows_of_panels = max(1, math.ceil(len(codes) / columns))
    panel_px = 60 + 22 * len(units)
    height = rows_of_panels * (panel_px + 70) + 20
    fig = make_subplots(
        rows=rows_of_panels,
        cols=columns,
        shared_yaxes=True,
        horizontal_spacing=0.07,  # the last tick of a panel clear of the next panel's first
        vertical_spacing=min(0.3, 80 / height),  # room for the ticks and the next titles
        subplot_titles=[_wrapped(reason_labels[c], 24) for c in codes],
    )
    lang = language_of(separators)
    top = 0.0
    for position, code in enumerate(codes):
        shares = [100 * b / (h or 1.0) for b, h in zip(blocked[code], headcounts, strict=True)]
        top = max(top, *shares, 0.0)
        fig.add_trace(
            go.Bar(
                y=units,
                x=shares,
                name=reason_labels[code],
                orientation="h",
                marker_color="#d62728",
                text=[_share_text(v, lang) for v in shares],
                textposition="auto",
                customdata=list(zip(blocked[code], headcounts, strict=True)),
                hovertemplate="%{y}: %{x:.1f}% (%{customdata[0]:,.0f} / %{customdata[1]:,.0f})"
                "<extra>%{fullData.name}</extra>",
                showlegend=False,
            ),
            row=position // columns + 1,
            col=position % columns + 1,
        )
    top = min(100.0, _rate_top([top], floor=10.0))  # a share of employees is at most 100 %
    ticks = [0, top / 2, top]
    fig.update_xaxes(
        range=[0, top],
        tickvals=ticks,
        ticktext=[formats.percent(v, lang, 0) for v in ticks],
        tickfont={"size": 10},
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_annotations(font={"size": 12})
    _layout(fig, separators)
    fig.update_layout(
        height=height,
        hovermode="closest",
        showlegend=False,
        margin={"l": 10, "r": 20, "t": 60, "b": 10},  # two-line panel titles
    )
    return fig


def _share_text(share: float, lang: str) -> str:
    """A share on its bar: none for 0, one decimal under 10 % (``2,5%``), whole above."""
    if share <= 0:
        return ""
    return formats.percent(share, lang, 1 if share < 10 else 0)


# --- Output & Anggaran and Pengembangan ---------------------------------------------
AXIS_LEVELS = ("LOW", "MID", "HIGH")  # R12, lowest first
_STATUS_COLOURS = {"TERTINGGAL": "#d62728", "SESUAI_RENCANA": "#2ca02c"}
NEUTRAL_COLOUR = "#9ecae1"  # "every other one" beside a highlighted status: no legend entry


def output_trend_chart(
    trend: pd.DataFrame, labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Budget-weighted output realisation against the linear plan, by period (R11): two rates
    of one unit, one axis.

    ``trend``: one row per period with ``period``, ``output_realisation_pct`` and
    ``output_planned_pct`` (outputs.output_trend); ``labels`` names the two series.
    """
    periods = _period_labels(trend["period"].tolist(), language_of(separators))
    fig = go.Figure()
    for column, colour, dash in (
        ("output_planned_pct", "#7f7f7f", "dash"),
        ("output_realisation_pct", "#1f77b4", "solid"),
    ):
        fig.add_trace(
            go.Scatter(
                x=periods,
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


def tukin_per_unit_chart(
    outputs: pd.DataFrame,
    separators: str = ",.",
    status_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Tukin cost per unit of output realised (R11), one horizontal bar per output, the most
    expensive on top, coloured by status.

    With ``status_labels`` each status it names gets its colour and a legend entry, the others
    a neutral colour (``{"TERTINGGAL": …}`` highlights the outputs behind plan); without, every
    status has its colour and no legend. ``outputs``: outputs.output_realisation rows; outputs
    without any volume yet are left out. Money on the axis as ``formats.money_short``, in the
    hover in full.
    """
    lang = language_of(separators)
    costed = outputs.dropna(subset=["tukin_per_unit_idr"]).sort_values("tukin_per_unit_idr")
    named = (
        _STATUS_COLOURS
        if status_labels is None
        else {s: c for s, c in _STATUS_COLOURS.items() if s in status_labels}
    )
    fig = go.Figure(
        go.Bar(
            x=costed["tukin_per_unit_idr"],
            y=costed["output_code"],
            orientation="h",
            marker_color=[named.get(s, NEUTRAL_COLOUR) for s in costed["output_status"]],
            customdata=[
                [name, unit, formats.money(cost, lang)]
                for name, unit, cost in zip(
                    costed["output_name"],
                    costed["output_unit"],
                    costed["tukin_per_unit_idr"],
                    strict=True,
                )
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[2]} / %{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    for status, colour in named.items() if status_labels else ():
        if status in set(costed["output_status"]):
            fig.add_trace(  # a legend entry only: the bars above carry the data
                go.Bar(
                    x=[None],
                    y=[None],
                    name=status_labels[status],
                    marker_color=colour,
                    orientation="h",
                    hoverinfo="skip",
                )
            )
    fig.update_xaxes(**money_ticks(costed["tukin_per_unit_idr"], lang))
    fig = _layout(fig, separators)
    fig.update_layout(hovermode="closest", height=max(300, 28 * len(costed) + 80))
    return fig


def no_output_chart(units: pd.DataFrame, separators: str = ",.") -> go.Figure:
    """Share of credited minutes with no RKAKL output per unit (R11), one bar per unit.

    ``units``: rows with ``unit_label`` and ``no_output_minutes_pct`` (outputs.output_child_units).
    """
    labels = units["unit_label"].tolist()
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=units["no_output_minutes_pct"],
            marker_color="#ff7f0e",
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(
        type="category", tickmode="array", tickvals=labels, ticktext=[_wrapped(u) for u in labels]
    )
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    fig = _layout(fig, separators)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


def development_grid_chart(
    grid: pd.DataFrame,
    level_labels: Mapping[str, str],
    axis_labels: Mapping[str, str],
    separators: str = ",.",
) -> go.Figure:
    """The R12 3 × 3 grid as a heatmap of employee counts: behaviour across, performance up.
    Each cell's count is written in it (the legend of its colour).

    ``grid``: rows with ``performance_axis``, ``behaviour_axis`` and ``employees``
    (development.development_grid); empty cells show 0. ``axis_labels`` has keys ``performance`` and
    ``behaviour``; ``level_labels`` names LOW, MID and HIGH.
    """
    lang = language_of(separators)
    counts = {(r.performance_axis, r.behaviour_axis): int(r.employees) for r in grid.itertuples()}
    z = [[counts.get((p, b), 0) for b in AXIS_LEVELS] for p in AXIS_LEVELS]
    names = [level_labels[level] for level in AXIS_LEVELS]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            text=[[formats.number(v, lang) for v in row] for row in z],
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} / %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=axis_labels["behaviour"], type="category")
    fig.update_yaxes(title_text=axis_labels["performance"], type="category")
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=360, separators=separators
    )
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
DATE_TICKS = 7  # at most, so dates in words fit a 1280 px window


def date_ticks(days: Sequence[pd.Timestamp], lang: str, most: int = DATE_TICKS) -> dict:
    """``tickvals`` and ``ticktext`` of a date axis: at most ``most`` of ``days``, evenly
    spread, written ``12 Mei 2025`` / ``12 May 2025`` (``formats.date``)."""
    unique = sorted(set(pd.to_datetime(list(days))))
    every = max(1, math.ceil(len(unique) / most))
    shown = unique[::every]
    return {
        "tickmode": "array",
        "tickvals": [d.strftime("%Y-%m-%d") for d in shown],
        "ticktext": [formats.date(d.date(), lang) for d in shown],
    }


def quarantine_chart(
    by_day: pd.DataFrame,
    reason_labels: Mapping[str, str],
    state_labels: Mapping[str, str],
    axis_labels: Mapping[str, str],
    separators: str = ",.",
) -> go.Figure:
    """Rows quarantined per day (``quarantined_on``), stacked by reason: the rows still held
    solid, those since resolved hatched in the same colour (one legend entry per reason; the
    legend's title says which fill is which state).

    ``by_day``: quality.quarantine_by_day (any filter applied); ``reason_labels`` maps each
    reason code to its words, ``state_labels`` ``held``/``resolved`` and ``axis_labels``
    ``day``/``rows`` to the UI language.
    """
    lang = language_of(separators)
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
        day_words = [formats.date(d.date(), lang) for d in rows["quarantined_on"]]
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
                    customdata=day_words,
                    hovertemplate=f"%{{customdata}} · {state_labels[state]}: %{{y:,.0f}}"
                    "<extra>%{fullData.name}</extra>",
                )
            )
    fig.update_layout(barmode="stack", height=380)
    fig.update_xaxes(
        title_text=axis_labels["day"], type="date", **date_ticks(per_reason["quarantined_on"], lang)
    )
    fig.update_yaxes(title_text=axis_labels["rows"], rangemode="tozero", tickformat=_COUNT_FORMAT)
    _layout(fig, separators)
    fig.update_layout(
        hovermode="closest",
        legend_title_text=f"■ {state_labels['held']}  ▨ {state_labels['resolved']}:",
    )
    return fig


# --- what each person did: the statement's Aktivitas --------------------------------------------
_ACTIVITY_COLOURS = {
    "credited_minutes": "#2ca02c",
    "not_credited_minutes": "#bdbdbd",
    "target": "#1f77b4",
    "cap": "#d62728",
}


def activity_minutes_chart(
    days: pd.DataFrame, series_labels: Mapping[str, str], separators: str = ",."
) -> go.Figure:
    """Minutes per day of the month: the credited minutes, on top of them the claimed minutes
    not credited (stacked, so the bar is the claim), and the R3 daily target and cap as lines
    drawn from the rule rows in force each day. One axis (minutes), a legend for every colour.

    ``days``: activities.day_totals; ``series_labels``: the words of ``credited_minutes``,
    ``not_credited_minutes``, ``target`` and ``cap``.
    """
    lang = language_of(separators)
    x = [f"{day:%Y-%m-%d}" for day in pd.to_datetime(days["activity_date"])]
    fig = go.Figure()
    for column in ("credited_minutes", "not_credited_minutes"):
        fig.add_trace(
            go.Bar(
                x=x,
                y=days[column].tolist(),
                name=series_labels[column],
                marker_color=_ACTIVITY_COLOURS[column],
                hovertemplate="%{y:,.0f}<extra>%{fullData.name}</extra>",
            )
        )
    for column, dash in (("target", "dash"), ("cap", "dot")):
        if days[column].notna().any():
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=days[column].tolist(),
                    name=series_labels[column],
                    mode="lines",
                    line={"color": _ACTIVITY_COLOURS[column], "dash": dash, "shape": "hvh"},
                    hovertemplate="%{y:,.0f}<extra>%{fullData.name}</extra>",
                )
            )
    fig.update_layout(barmode="stack", height=320)
    fig.update_xaxes(**date_ticks(x, lang))
    top = max(
        [*(days["credited_minutes"] + days["not_credited_minutes"]), *days["cap"].dropna(), 1.0]
    )
    fig.update_yaxes(range=[0, top * 1.08], tickformat=_COUNT_FORMAT, rangemode="tozero")
    return _layout(fig, separators)
