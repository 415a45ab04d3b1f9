"""Promosi — R8 promotion eligibility (kenaikan pangkat reguler) in the selected period: status
counts and the blocking reasons of the user's scope and of each unit one level below, as bars
of the share of employees each reason blocks (one panel per reason, one 0-100 % scale). The
employee list with rank, due date and reasons only for roles with personal data; small groups
suppressed for aggregate-only roles.

Sources: fct_promotion_eligibility ⋈ fct_employee_monthly (dashboards.lib.data).
"""

import pandas as pd
import streamlit as st

from dashboards.lib import charts, components, page
from dashboards.lib.access import PageId, Scope
from dashboards.lib.data import Release, labels, org, promotion
from dashboards.lib.i18n import fmt_number, t

STATUSES = ("ELIGIBLE", "ELIGIBLE_SOON", "BLOCKED")
# Reason codes of fct_promotion_eligibility, PREDIKAT_TAHUN_<YYYY> folded into one axis.
REASONS = (
    "BUKAN_PNS",
    "DATA_PANGKAT_TIDAK_LENGKAP",
    "PANGKAT_PUNCAK",
    "MASA_KERJA_BELUM_CUKUP",
    "RIWAYAT_KINERJA_TIDAK_LENGKAP",
    "PREDIKAT_TAHUN",
    "HUKUMAN_DISIPLIN",
)
CHART_UNITS = 8
LIST_COLUMNS = (
    "nip",
    "full_name",
    "unit_name",
    "rank_grade",
    "rank_since",
    "next_rank_grade",
    "eligible_from",
    "status",
    "reasons",
    "annual_predicates",
    "blocking_sanctions",
)


def _top_unit(release: Release, scope: Scope) -> str | None:
    tops = org.scope_tops(release, scope)
    return str(tops["unit_id"].iloc[0]) if not tops.empty else None


def status_section(summary: pd.DataFrame, lang: str) -> None:
    whole = summary[(summary["group_kind"] == "PARENT") & (summary["code_kind"] == "STATUS")]
    counts = dict(zip(whole["code"], whole["n"], strict=True))
    with st.container(horizontal=True):
        for status in STATUSES:
            value = counts.get(status, 0)
            st.metric(
                labels.label(labels.current(), "promotion_status", status, lang),
                fmt_number(None if pd.isna(value) else int(value), lang),
                border=True,
            )
    total = sum(int(v) for v in counts.values() if not pd.isna(v))
    st.caption(t("headcount_employee_months", lang, n=fmt_number(total, lang)))


def history_note(release: Release, scope: Scope, period: str, lang: str) -> None:
    """Say so when the release holds fewer complete years of history than R8 needs: everyone is
    then blocked for missing history, which is the data's doing, not the employees'."""
    years = promotion.complete_history_years(release, scope, period)
    if years < promotion.PREDICATE_YEARS:
        st.warning(
            t("promotion_history_short", lang, years=years, needed=promotion.PREDICATE_YEARS),
            icon=":material/history:",
        )


def reasons_section(summary: pd.DataFrame, lang: str) -> None:
    reasons = summary[(summary["code_kind"] == "REASON") & ~summary["suppressed"]].copy()
    reasons["unit_label"] = reasons["unit_name"].fillna(reasons["unit_id"])
    reasons.loc[reasons["group_kind"] == "PARENT", "unit_label"] = t("whole_scope", lang)
    words = {
        code: labels.label(labels.current(), "promotion_reason", code, lang) for code in REASONS
    }
    with st.container(border=True):
        st.subheader(t("reasons_title", lang))
        st.caption(t("reasons_caption", lang))
        if reasons.empty:
            st.caption(t("reasons_empty", lang))
            return
        children = reasons[reasons["group_kind"] == "CHILD"]
        largest = children.drop_duplicates("unit_id").nlargest(CHART_UNITS, "employees")
        shown = pd.concat(
            [
                reasons[reasons["group_kind"] == "PARENT"],
                children[children["unit_id"].isin(largest["unit_id"])],
            ]
        )
        figure = charts.reason_bars(shown, words, components.SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch", key="reason_bars")
        pivot = reasons.pivot_table(
            index="unit_label",
            columns="code",
            values="n",
            aggfunc="sum",
            fill_value=0,
            sort=False,
        )
        pivot = pivot.rename(columns=words).reset_index()
        components.show_table(pivot.rename(columns={"unit_label": t("col_unit", lang)}))
        components.suppressed_caption(summary.drop_duplicates("unit_id"), lang)


def list_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("promotion_list_title", lang))
        if not scope.may_see_personal:
            st.caption(t("personal_list_hidden", lang))
            return
        status = st.segmented_control(
            t("col_status", lang),
            options=list(STATUSES),
            format_func=lambda s: labels.label(labels.current(), "promotion_status", s, lang),
            key="promotion_status",
        )
        employees = promotion.promotion_list(release, scope, period, status)
        components.person_list(employees, LIST_COLUMNS, lang)


def render() -> None:
    context = page.open_page(PageId.PROMOSI)
    if context is None:
        return
    scope, lang, release, period = context.scope, context.lang, context.release, context.period
    top = _top_unit(release, scope)
    summary = promotion.promotion_summary(release, scope, period, top) if top else pd.DataFrame()
    if summary.empty:
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
    else:
        history_note(release, scope, period, lang)
        status_section(summary, lang)
        reasons_section(summary, lang)
    list_section(release, scope, period, lang)
    components.footer(release, lang)


render()
