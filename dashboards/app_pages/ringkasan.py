"""Ringkasan — the overview of the signed-in user's scope (the whole ministry for MENTERI, the
own unit subtree for PIMPINAN, PERENCANA and EVALUATOR_RB): KPIs of the selected period, the
monthly trend, the comparison of the units one level below and the units with the highest TK
rate. Aggregates only: no NIP, no names.

Source: fct_unit_monthly ⋈ dim_org_unit of the current serving release (dashboards.lib.data),
the same R5 measures as the Telusuri page.
"""

import streamlit as st

from dashboards.lib import charts, components, page
from dashboards.lib.access import PageId, Scope
from dashboards.lib.data import Release, measures, org, periods
from dashboards.lib.i18n import t
from dashboards.lib.tables import measures_table

# The reason a unit is listed (its TK rate) comes right after its name.
ATTENTION_MEASURES = (
    "tk_rate_pct",
    "eselon1_label",
    "headcount",
    "attendance_rate_pct",
    "realisation_pct",
)


def subunits_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    """The units one level below the scope's top (the eselon I units for the ministry)."""
    subunits = measures.child_units(release, scope, period).copy()
    subunits["unit_label"] = subunits["unit_name"].fillna(subunits["unit_id"])
    with st.container(border=True):
        st.subheader(t("subunits_title", lang))
        if subunits.empty:
            st.caption(t("subunits_empty", lang))
            return
        figure = charts.eselon1_chart(
            subunits.rename(columns={"unit_label": "eselon1_label"}),
            components.rate_labels(lang),
            components.SEPARATORS[lang],
        )
        st.plotly_chart(figure, width="stretch")
        table = measures_table(
            subunits, {"unit_label": "col_unit"}, components.COMPARISON_MEASURES, lang
        )
        components.show_table(table)


def attention_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    units = measures.units_needing_attention(release, scope, period).copy()
    units["eselon1_label"] = units["eselon1_unit_name"].fillna(t("unmapped_unit", lang))
    units["unit_label"] = units["unit_name"].fillna(units["unit_id"])
    minimum, limit = measures.ATTENTION_MIN_HEADCOUNT, measures.ATTENTION_LIMIT
    with st.container(border=True):
        st.subheader(t("attention_title", lang))
        if units.empty:
            st.caption(t("attention_empty", lang, min=minimum))
            return
        st.caption(t("attention_caption", lang, limit=limit, period=period, min=minimum))
        table = measures_table(units, {"unit_label": "col_unit"}, ATTENTION_MEASURES, lang)
        components.show_table(table, pinned=2)


def render() -> None:
    context = page.open_page(PageId.RINGKASAN, need_period=False)
    if context is None:
        return
    session, lang, release = context.session, context.lang, context.release
    period = context.period
    summary = measures.period_summary(release, session.scope)
    if period is None or period not in set(summary["period"]):
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
        return
    tops = org.scope_tops(release, session.scope)
    names = ", ".join(tops["unit_name"].fillna(tops["unit_id"]))
    st.caption(t("scope_caption", lang, units=names))
    components.kpi_row(summary, period, lang, periods.open_periods(release, session.scope))
    components.trend_section(summary, lang)
    subunits_section(release, session.scope, period, lang)
    attention_section(release, session.scope, period, lang)
    components.footer(release, lang)


render()
