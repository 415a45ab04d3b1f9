"""Ringkasan — the minister's overview: KPIs of the selected period, the monthly trend, the
eselon I comparison and the units with the highest TK rate. Aggregates only: no NIP, no names.

Source: fct_employee_monthly ⋈ dim_org_unit of the current serving release (dashboards.lib.data).
"""

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboards.lib import charts, data, filters, metrics
from dashboards.lib.data import Release
from dashboards.lib.i18n import current_language, t
from dashboards.lib.tables import measures_table

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
ATTENTION_MEASURES = ("headcount", "tk_rate_pct", "attendance_rate_pct", "realisation_pct")


def _rate_labels(lang: str) -> dict[str, str]:
    return {
        "attendance_rate_pct": t("kpi_attendance_rate", lang),
        "tk_rate_pct": t("kpi_tk_rate", lang),
        "realisation_pct": t("kpi_realisation", lang),
    }


def kpi_row(summary: pd.DataFrame, period: str, lang: str) -> None:
    """One bordered metric per KPI, with the delta against the previous period and a sparkline."""
    before = metrics.previous_period(summary["period"].tolist(), period)
    up_to_period = summary[summary["period"] <= period]
    with st.container(horizontal=True):
        for kpi in metrics.kpis_for_period(summary, period):
            spec = kpi.spec
            st.metric(
                t(spec.label_key, lang),
                metrics.value_text(kpi, lang),
                delta=metrics.delta_text(kpi, lang),
                delta_color=metrics.delta_color(kpi),
                delta_description=t("delta_vs", lang, period=before) if before else None,
                help=t(spec.help_key, lang) if spec.help_key else None,
                border=True,
                chart_data=up_to_period[spec.column].dropna().tolist() or None,
                chart_type="line",
            )


def trend_section(summary: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("trend_title", lang))
        figure = charts.trend_chart(summary, _rate_labels(lang), SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch")


def eselon1_section(release: Release, period: str, lang: str) -> None:
    by_eselon1 = data.eselon1_summary(release.serving_dir, release.release_id, period).copy()
    by_eselon1["eselon1_label"] = by_eselon1["eselon1_unit_name"].fillna(t("unmapped_unit", lang))
    with st.container(border=True):
        st.subheader(t("eselon1_title", lang))
        figure = charts.eselon1_chart(by_eselon1, _rate_labels(lang), SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch")
        table = measures_table(
            by_eselon1, {"eselon1_label": "col_eselon1"}, COMPARISON_MEASURES, lang
        )
        st.dataframe(table, hide_index=True, width="stretch")


def attention_section(release: Release, period: str, lang: str) -> None:
    units = data.units_needing_attention(release.serving_dir, release.release_id, period).copy()
    units["eselon1_label"] = units["eselon1_unit_name"].fillna(t("unmapped_unit", lang))
    units["unit_label"] = units["unit_name"].fillna(units["unit_id"])
    minimum, limit = data.ATTENTION_MIN_HEADCOUNT, data.ATTENTION_LIMIT
    with st.container(border=True):
        st.subheader(t("attention_title", lang))
        if units.empty:
            st.caption(t("attention_empty", lang, min=minimum))
            return
        st.caption(t("attention_caption", lang, limit=limit, period=period, min=minimum))
        labels = {"unit_label": "col_unit", "eselon1_label": "col_eselon1"}
        table = measures_table(units, labels, ATTENTION_MEASURES, lang)
        st.dataframe(table, hide_index=True, width="stretch")


def _published_at_text(published_at: str | None) -> str:
    if not published_at:
        return "—"
    try:
        return f"{datetime.fromisoformat(published_at):%Y-%m-%d %H:%M %Z}".strip()
    except ValueError:
        return published_at


def footer(release: Release, lang: str) -> None:
    st.caption(
        t(
            "footer",
            lang,
            release_id=release.release_id,
            published_at=_published_at_text(release.published_at),
            rule_set=release.rule_set or "—",
        )
    )


def render() -> None:
    lang = current_language()
    release, period = filters.selection()
    if release is None or period is None:
        st.info(t("no_release", lang), icon=":material/info:")
        return
    summary = data.period_summary(release.serving_dir, release.release_id)
    kpi_row(summary, period, lang)
    trend_section(summary, lang)
    eselon1_section(release, period, lang)
    attention_section(release, period, lang)
    footer(release, lang)


render()
