"""Output & Anggaran — the RKAKL outputs of a unit's subtree (R11): outputs behind the linear
plan first, the realisation trend against the plan, the tukin cost per unit of output and the
share of credited minutes spent on activities linked to no output, and what the subtree produced:
the output volumes per catalogue activity and per child unit, from the approved, credited
activity reports (R3). Aggregates only: no NIP, no names, no report text, for every role that has
the page; an aggregate-only role sees no figure of a group under the small-group minimum.

Source: fct_output_realisation, fct_output_realisation_unit, fct_activity_reports ⋈ dim_org_unit
of the current
serving release (dashboards.lib.data), scoped to the user's subtree; ``?unit=`` outside it is
denied.
"""

import pandas as pd
import streamlit as st

from dashboards.lib import charts, components, page, unit_picker
from dashboards.lib.access import PageId, Scope
from dashboards.lib.data import Release, activities, labels, org, outputs
from dashboards.lib.i18n import fmt_number, fmt_pct, fmt_rupiah, t
from dashboards.lib.tables import (
    OUTPUT_COLUMNS,
    VOLUME_COLUMNS,
    VOLUME_UNIT_COLUMNS,
    columns_table,
    measures_table,
)


def kpis(current: pd.Series, lang: str) -> None:
    with st.container(horizontal=True):
        st.metric(t("out_kpi_outputs", lang), fmt_number(current["n_outputs"], lang), border=True)
        st.metric(t("out_kpi_behind", lang), fmt_number(current["n_tertinggal"], lang), border=True)
        st.metric(
            t("out_kpi_realisation", lang),
            fmt_pct(current["output_realisation_pct"], lang),
            help=t("help_out_realisation", lang),
            border=True,
        )
        st.metric(
            t("out_kpi_plan", lang), fmt_pct(current["output_planned_pct"], lang), border=True
        )
        st.metric(
            t("out_kpi_no_output", lang),
            fmt_pct(current["no_output_minutes_pct"], lang),
            help=t("help_out_no_output", lang),
            border=True,
        )
        st.metric(
            t("out_kpi_allocated", lang),
            fmt_rupiah(current["allocated_tukin_idr"], lang),
            border=True,
        )


def outputs_section(outputs: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("out_behind_title", lang))
        st.dataframe(columns_table(outputs, OUTPUT_COLUMNS, lang), hide_index=True, width="stretch")


def trend_section(trend: pd.DataFrame, lang: str) -> None:
    labels = {
        "output_realisation_pct": t("out_series_realisation", lang),
        "output_planned_pct": t("out_series_plan", lang),
    }
    with st.container(border=True):
        st.subheader(t("out_trend_title", lang))
        figure = charts.output_trend_chart(trend, labels, components.SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch")


def cost_section(outputs: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("out_cost_title", lang))
        st.caption(t("out_cost_caption", lang))
        # every status drawn gets its colour and its words in the legend (dim_code_label)
        statuses = {
            status: labels.label(labels.current(), "output_status", status, lang)
            for status in outputs["output_status"].dropna().unique()
        }
        figure = charts.tukin_per_unit_chart(outputs, components.SEPARATORS[lang], statuses)
        st.plotly_chart(figure, width="stretch")


def no_output_section(children: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("out_no_output_title", lang))
        if children.empty:
            st.caption(t("children_empty", lang))
            return
        children = children.assign(unit_label=children["unit_name"].fillna(children["unit_id"]))
        st.plotly_chart(
            charts.no_output_chart(children, components.SEPARATORS[lang]), width="stretch"
        )
        table = measures_table(
            children,
            {"unit_label": "col_unit"},
            ("no_output_minutes_pct", "n_tertinggal", "output_realisation_pct"),
            lang,
        )
        st.dataframe(table, hide_index=True, width="stretch")


def volumes_section(release: Release, scope: Scope, unit_id: str, period: str, lang: str) -> None:
    """What the subtree produced (R3 reports credited, R11 outputs they serve): per catalogue
    activity, then per child unit; small groups suppressed for aggregate-only roles."""
    volumes = activities.volumes(release, scope, unit_id, period)
    unit = org.unit_info(release, scope, unit_id)
    name = unit["unit_name"].iloc[0] if not unit.empty else unit_id
    with st.container(border=True):
        st.subheader(t("volumes_title", lang))
        st.caption(t("volumes_caption", lang, unit=name))
        if volumes.empty:
            st.caption(t("volumes_none", lang))
            return
        components.show_table(columns_table(volumes, VOLUME_COLUMNS, lang), pinned=1)
        components.suppressed_caption(volumes, lang)
        by_unit = activities.volumes_by_unit(release, scope, unit_id, period)
        if not by_unit.empty:
            st.markdown(f"**{t('volumes_units_title', lang)}**")
            components.show_table(columns_table(by_unit, VOLUME_UNIT_COLUMNS, lang), pinned=1)
            components.suppressed_caption(by_unit, lang)


def render() -> None:
    context = page.open_page(PageId.OUTPUT_ANGGARAN)
    if context is None:
        return
    session, lang, release, period = context.session, context.lang, context.release, context.period
    scope = session.scope
    unit_id = unit_picker.selected_unit(release, scope, lang, key="output")
    if unit_id is None:
        return
    trend = outputs.output_trend(release, scope, unit_id)
    owned = outputs.output_realisation(release, scope, unit_id, period)
    current = trend[trend["period"] == period] if not trend.empty else trend
    if current.empty:
        st.info(t("out_no_data", lang, period=period), icon=":material/info:")
        volumes_section(release, scope, unit_id, period, lang)
        components.footer(release, lang)
        return
    kpis(current.iloc[0], lang)
    if not owned.empty:
        outputs_section(owned, lang)
    trend_section(trend, lang)
    if not owned.empty:
        cost_section(owned, lang)
    no_output_section(outputs.output_child_units(release, scope, unit_id, period), lang)
    volumes_section(release, scope, unit_id, period, lang)
    components.footer(release, lang)


render()
