"""Kinerja — performance of the user's scope in the selected period: the capaian distribution,
the predicate distribution of the units one level below, the SE MenPAN-RB 3/2023 pattern check
and the supervisors' verification timeliness per unit (R9), and the R10 integrity flags.
Flag rows with NIPs and names only for roles with personal data; other roles see counts per
unit, small units suppressed.

Sources: fct_employee_monthly, fct_unit_monthly, rpt_rb_indicators, fct_integrity_flags.
"""

import pandas as pd
import streamlit as st

from dashboards.lib import charts, components, page
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, PageId, Scope
from dashboards.lib.data import Release, integrity, labels, measures, performance, reform
from dashboards.lib.i18n import fmt_pct, t

PATTERN_CODE = "RB_POLA_DISTRIBUSI_PREDIKAT"
TIMELINESS_CODE = "RB_KETEPATAN_VERIFIKASI"
# fct_unit_monthly's count column of each predicate code.
PREDICATE_COLUMNS = {
    "n_sangat_baik": "SANGAT_BAIK",
    "n_baik": "BAIK",
    "n_butuh_perbaikan": "BUTUH_PERBAIKAN",
    "n_kurang": "KURANG",
    "n_sangat_kurang": "SANGAT_KURANG",
}
FLAG_COLUMNS = (
    "flag_code",
    "flag_date",
    "nip",
    "full_name",
    "device_sn",
    "unit_name",
    "metric_value",
    "threshold_value",
    "metric_unit",
    "details",
)


def capaian_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    bins = performance.capaian_distribution(release, scope, period)
    with st.container(border=True):
        st.subheader(t("capaian_title", lang))
        if bins.empty:
            st.caption(t("group_too_small_or_empty", lang, min=SMALL_GROUP_MIN_EMPLOYEES))
            return
        figure = charts.capaian_histogram(
            bins,
            performance.CAPAIAN_BIN_PCT,
            performance.CAPAIAN_TOP_BIN_PCT,
            t("col_employees", lang),
            components.SEPARATORS[lang],
        )
        st.plotly_chart(figure, width="stretch", key="capaian_histogram")


def predicate_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    """Predicate shares of the scope as a whole and of each unit one level below."""
    total = measures.period_summary(release, scope)
    total = total[total["period"] == period].assign(unit_label=t("whole_scope", lang))
    children = measures.child_units(release, scope, period).copy()
    children["unit_label"] = children["unit_name"].fillna(children["unit_id"])
    units = pd.concat([total[~total["suppressed"]], children[~children["suppressed"]]])
    code_labels = labels.current()
    words = {
        column: labels.label(code_labels, "predicate", code, lang)
        for column, code in PREDICATE_COLUMNS.items()
    }
    with st.container(border=True):
        st.subheader(t("predicate_title", lang))
        if units.empty or units[list(charts.PREDICATE_COLUMNS)].to_numpy().sum() == 0:
            st.caption(t("no_data_in_scope", lang))
            return
        figure = charts.predicate_bars(units, words, components.SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch", key="predicate_bars")
        components.suppressed_caption(children, lang)


def _indicator_by_unit(indicators: pd.DataFrame, code: str) -> pd.DataFrame:
    """One indicator for the scope's top units and the units one level below them."""
    rows = indicators[indicators["indicator_code"] == code].copy()
    if rows.empty:
        return rows
    top_depth = int(rows["depth"].min())
    rows = rows[rows["depth"] <= top_depth + 1]
    rows["unit_label"] = rows["unit_name"].fillna(rows["unit_id"])
    return rows.sort_values(["depth", "path"])


def pattern_section(indicators: pd.DataFrame, lang: str) -> None:
    rows = _indicator_by_unit(indicators, PATTERN_CODE)
    with st.container(border=True):
        st.subheader(t("pattern_title", lang))
        st.caption(t("pattern_caption", lang))
        if rows.empty:
            st.caption(t("no_data_in_scope", lang))
            return
        shown = rows.assign(
            fits=rows["value"].map(
                lambda v: "—" if pd.isna(v) else t("yes" if float(v) >= 100 else "no", lang)
            ),
            rules=[
                "—" if pd.isna(n) else f"{int(n)}/{int(d)}"
                for n, d in zip(rows["numerator"], rows["denominator"], strict=True)
            ],
        )
        # Whether the unit fits the pattern (why it is listed) right after its name.
        shown = shown.assign(value=[fmt_pct(v, lang) for v in shown["value"]])
        table = shown[["unit_label", "fits", "rules", "value", "headcount"]].rename(
            columns={
                "unit_label": t("col_unit", lang),
                "headcount": t("kpi_headcount", lang),
                "rules": t("pattern_rules_met", lang),
                "value": t("col_value", lang),
                "fits": t("pattern_fits", lang),
            }
        )
        components.show_table(table, pinned=2)
        components.suppressed_caption(rows, lang)


def timeliness_section(indicators: pd.DataFrame, lang: str) -> None:
    rows = _indicator_by_unit(indicators, TIMELINESS_CODE)
    with st.container(border=True):
        st.subheader(t("timeliness_title", lang))
        if rows.empty:
            st.caption(t("no_data_in_scope", lang))
            return
        st.caption(str(rows["formula"].iloc[0]))
        shown = rows.dropna(subset=["value"])
        if not shown.empty:
            figure = charts.indicator_bars(
                shown.assign(value=shown["value"].astype(float)),
                t("timeliness_title", lang),
                components.SEPARATORS[lang],
            )
            st.plotly_chart(figure, width="stretch", key="timeliness_bars")
        components.suppressed_caption(rows, lang)


def integrity_section(release: Release, scope: Scope, period: str, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("integrity_title", lang))
        st.caption(t("integrity_caption", lang))
        counts = integrity.integrity_flag_counts(release, scope, period)
        if counts.empty and not scope.may_see_personal:
            st.caption(t("integrity_empty", lang))
            return
        components.counts_by_unit(
            counts, "flag_code", "flags", lang, scope.suppress_small_groups, "integrity_flag"
        )
        if not scope.may_see_personal:
            st.caption(t("personal_list_hidden", lang))
            return
        flags = integrity.integrity_flags(release, scope, period)
        st.markdown(f"**{t('integrity_list_title', lang)}**")
        components.person_list(flags, FLAG_COLUMNS, lang)


def render() -> None:
    context = page.open_page(PageId.KINERJA)
    if context is None:
        return
    scope, lang, release, period = context.scope, context.lang, context.release, context.period
    capaian_section(release, scope, period, lang)
    predicate_section(release, scope, period, lang)
    indicators = reform.rb_indicators(release, scope, period)
    left, right = st.columns(2)
    with left:
        pattern_section(indicators, lang)
    with right:
        timeliness_section(indicators, lang)
    integrity_section(release, scope, period, lang)
    components.footer(release, lang)


render()
