"""Kedisiplinan — discipline of the user's scope in the selected period: when people check in
(by weekday and time of day), TL, PSW and TK by unit, and the R7 discipline referrals
(PP 94/2021). Names and NIPs of the referred employees only for roles with personal data;
other roles see counts per unit and sanction, small units suppressed.

Sources: fct_attendance_daily, fct_unit_monthly, fct_discipline_referral (dashboards.lib.data).
"""

import streamlit as st

from dashboards.lib import charts, components, page
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, PageId, Scope
from dashboards.lib.data import Release, attendance, discipline
from dashboards.lib.i18n import t
from dashboards.lib.tables import measures_table

UNIT_MEASURES = ("headcount", "tl_count", "psw_count", "tk_days", "tk_rate_pct")
REFERRAL_COLUMNS = (
    "nip",
    "full_name",
    "unit_name",
    "trigger",
    "discipline_days_ytd",
    "tk_days_ytd",
    "late_early_minutes_ytd",
    "recommended_sanction",
    "evidence",
)
CHART_UNITS = 15


def checkin_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    distribution = attendance.checkin_distribution(release, scope, period)
    with st.container(border=True):
        st.subheader(t("checkin_title", lang))
        if distribution.empty:
            st.caption(t("group_too_small_or_empty", lang, min=SMALL_GROUP_MIN_EMPLOYEES))
            return
        st.caption(t("checkin_caption", lang, minutes=attendance.CHECKIN_BUCKET_MINUTES))
        figure = charts.checkin_heatmap(
            distribution,
            t("weekdays", lang).split(","),
            t("checkins", lang),
            components.SEPARATORS[lang],
        )
        st.plotly_chart(figure, width="stretch", key="checkin_heatmap")


def units_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    units = discipline.discipline_by_unit(release, scope, period).copy()
    with st.container(border=True):
        st.subheader(t("discipline_units_title", lang))
        if units.empty:
            st.caption(t("no_data_in_scope", lang))
            return
        units["unit_label"] = units["unit_name"].fillna(units["unit_id"])
        shown = units[~units["suppressed"]]
        if not shown.empty:
            labels = {c: t(charts_label, lang) for c, charts_label in _BAR_LABELS.items()}
            figure = charts.discipline_bars(
                shown.head(CHART_UNITS), labels, components.SEPARATORS[lang]
            )
            st.caption(t("discipline_units_caption", lang, n=min(CHART_UNITS, len(shown))))
            st.plotly_chart(figure, width="stretch", key="discipline_bars")
        components.suppressed_caption(units, lang)
        table = measures_table(units, {"unit_label": "col_unit"}, UNIT_MEASURES, lang)
        components.show_table(table)


_BAR_LABELS = {"tl_count": "kpi_tl_count", "psw_count": "kpi_psw_count", "tk_days": "col_tk_days"}


def referrals_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("referrals_title", lang))
        st.caption(t("referrals_caption", lang))
        counts = discipline.discipline_referral_counts(release, scope, period)
        if counts.empty and not scope.may_see_personal:
            st.caption(t("referrals_empty", lang))
            return
        components.counts_by_unit(
            counts,
            "recommended_sanction",
            "referrals",
            lang,
            scope.suppress_small_groups,
            "sanction_type",
        )
        if not scope.may_see_personal:
            st.caption(t("personal_list_hidden", lang))
            return
        referrals = discipline.discipline_referrals(release, scope, period)
        st.markdown(f"**{t('referrals_list_title', lang)}**")
        components.person_list(referrals, REFERRAL_COLUMNS, lang)


def render() -> None:
    context = page.open_page(PageId.KEDISIPLINAN)
    if context is None:
        return
    scope, lang, release, period = context.scope, context.lang, context.release, context.period
    checkin_section(release, scope, period, lang)
    units_section(release, scope, period, lang)
    referrals_section(release, scope, period, lang)
    components.footer(release, lang)


render()
