"""Streamlit building blocks shared by several pages (the KPI row, the trend panel, the footer).

Measures come in as DataFrames from dashboards.lib.data; no data access here.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboards.lib import charts, data, metrics
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES
from dashboards.lib.data import Release, labels
from dashboards.lib.i18n import t
from dashboards.lib.tables import columns_table

SEPARATORS = {"id": ",.", "en": ".,"}  # Plotly: decimal mark, then thousands separator
COMPARISON_MEASURES = (
    "headcount",
    "attendance_rate_pct",
    "tk_rate_pct",
    "tl_count",
    "psw_count",
    "avg_capaian_pct",
    "realisation_pct",
    "tukin_net_idr",
)


def rate_labels(lang: str) -> dict[str, str]:
    return {
        "attendance_rate_pct": t("kpi_attendance_rate", lang),
        "tk_rate_pct": t("kpi_tk_rate", lang),
        "realisation_pct": t("kpi_realisation", lang),
    }


def kpi_row(
    summary: pd.DataFrame, period: str, lang: str, open_periods: frozenset[str] = frozenset()
) -> None:
    """One bordered metric per KPI, with the delta against the previous period and a sparkline.

    ``summary``: R5 measures per period (measures.period_summary or measures.unit_measures).
    ``open_periods``: periods still open (dim_period): a delta that involves one says it
    compares provisional figures.
    """
    before = metrics.previous_period(summary["period"].tolist(), period)
    description = t("delta_vs", lang, period=before) if before else None
    if description and (period in open_periods or before in open_periods):
        description = t("delta_vs_open", lang, period=before)
    up_to_period = summary[summary["period"] <= period]
    with st.container(horizontal=True):
        for kpi in metrics.kpis_for_period(summary, period):
            spec = kpi.spec
            st.metric(
                t(spec.label_key, lang),
                metrics.value_text(kpi, lang),
                delta=metrics.delta_text(kpi, lang),
                delta_color=metrics.delta_color(kpi),
                delta_description=description,
                help=t(spec.help_key, lang) if spec.help_key else None,
                border=True,
                chart_data=up_to_period[spec.column].dropna().tolist() or None,
                chart_type="line",
            )


def trend_section(summary: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("trend_title", lang))
        figure = charts.trend_chart(summary, rate_labels(lang), SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch")


def _published_at_text(published_at: str | None) -> str:
    if not published_at:
        return "—"
    try:
        return f"{datetime.fromisoformat(published_at):%Y-%m-%d %H:%M %Z}".strip()
    except ValueError:
        return published_at


def footer_text(release: Release, lang: str) -> str:
    return t(
        "footer",
        lang,
        release_id=release.release_id,
        published_at=_published_at_text(release.published_at),
        rule_set=release.rule_set or "—",
    )


def footer(release: Release, lang: str) -> None:
    st.caption(footer_text(release, lang))


# --- leadership pages ---
def suppressed_caption(frame: pd.DataFrame, lang: str) -> None:
    """Say how many groups of ``frame`` (column ``suppressed``) show no figures because they
    have fewer employees than the small-group limit (aggregate-only roles)."""
    suppressed = int(frame["suppressed"].sum()) if "suppressed" in frame else 0
    if suppressed:
        st.caption(t("groups_suppressed", lang, n=suppressed, min=SMALL_GROUP_MIN_EMPLOYEES))


def counts_by_unit(
    counts: pd.DataFrame,
    code_column: str,
    count_column: str,
    lang: str,
    small_left_out: bool,
    code_kind: str | None = None,
) -> None:
    """A table of ``count_column`` per unit (rows, ``unit_name``) and code (columns, in words
    when ``code_kind`` names their dim_code_label kind), and the note that units under the
    small-group limit are left out when ``small_left_out``."""
    if small_left_out:
        st.caption(t("small_units_left_out", lang, min=SMALL_GROUP_MIN_EMPLOYEES))
    if counts.empty:
        return
    pivot = counts.assign(unit_label=counts["unit_name"].fillna(counts["unit_id"])).pivot_table(
        index="unit_label", columns=code_column, values=count_column, aggfunc="sum", fill_value=0
    )
    if code_kind:
        pivot = pivot.rename(columns=lambda c: labels.label(labels.current(), code_kind, c, lang))
    show_table(pivot.reset_index().rename(columns={"unit_label": t("col_unit", lang)}))


def show_table(table: pd.DataFrame | Styler, pinned: int = 1, **kwargs: object) -> object:
    """``st.dataframe`` of ``table`` with its first ``pinned`` columns (the unit, the name, the
    reason the row is shown) pinned, so they stay in view when the table scrolls at 1280 px."""
    frame = table.data if isinstance(table, Styler) else table
    config = {str(c): st.column_config.Column(pinned=True) for c in list(frame.columns)[:pinned]}
    config |= kwargs.pop("column_config", None) or {}
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    return st.dataframe(table, column_config=config, **kwargs)


def person_list(frame: pd.DataFrame, columns: tuple[str, ...], lang: str) -> None:
    """A per-employee list (data.PERSON_LIST_LIMIT rows at most), saying when it is cut."""
    show_table(columns_table(frame, columns, lang), pinned=2)
    if len(frame) >= data.PERSON_LIST_LIMIT:
        st.caption(t("list_truncated", lang, limit=data.PERSON_LIST_LIMIT))
