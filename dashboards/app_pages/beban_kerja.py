"""Beban Kerja — staffing adequacy (R6, PermenPAN-RB 1/2020) for planners: EJ, PJ band, FTE gap
and verdict of each unit of the scope in the selected period, EJ over the months as a heatmap,
the 12-month projection after known exits, and a what-if that moves FTE between two units and
classifies both new EJs with the PJ/verdict bands the model used (the published
``dim_staffing_band`` rows, dashboards.lib.data.staffing). Aggregates only; for aggregate-only
roles units with fewer employees than the small-group limit show no EJ, gap or verdict.

Sources: fct_staffing_adequacy, fct_staffing_projection, dim_staffing_band, fct_unit_monthly.
"""

import pandas as pd
import streamlit as st

from dashboards.lib import charts, components, page
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, PageId, Scope
from dashboards.lib.data import Release, labels, staffing
from dashboards.lib.i18n import fmt_number, t
from dashboards.lib.tables import columns_table

STAFF_SCOPE_KEY = "beban_staff_scope"
# The verdict (why a unit needs attention) right after its name.
UNIT_COLUMNS = (
    "unit_name",
    "verdict",
    "gap",
    "pj_band",
    "ej",
    "headcount",
    "fte_actual",
    "fte_needed",
)
WHAT_IF_COLUMNS = (
    "unit_name",
    "verdict_before",
    "verdict_after",
    "ej_before",
    "ej_after",
    "fte_before",
    "fte_after",
    "pj_band_before",
    "pj_band_after",
)
HEATMAP_UNITS = 30
WHAT_IF_STEP_FTE = 0.5


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(unit_label=frame["unit_name"].fillna(frame["unit_id"]))


def _verdict_words(frame: pd.DataFrame, columns: tuple[str, ...], lang: str, provisional: bool):
    """The verdict columns in words; on an open month each says it is provisional."""
    code_labels = labels.current()
    words = {
        column: [
            v
            if pd.isna(v)
            else labels.label(code_labels, "verdict", v, lang)
            + (f" ({t('provisional', lang)})" if provisional else "")
            for v in frame[column]
        ]
        for column in columns
    }
    return frame.assign(**words)


def units_section(units: pd.DataFrame, lang: str, provisional: bool = False) -> None:
    with st.container(border=True):
        st.subheader(t("staffing_units_title", lang))
        if provisional:
            st.markdown(f":orange-badge[:material/pending:] {t('verdicts_provisional', lang)}")
        counts = units["verdict"].value_counts()
        suffix = f" ({t('provisional', lang)})" if provisional else ""
        with st.container(horizontal=True):
            for verdict in charts.VERDICT_COLOURS:
                st.metric(
                    labels.label(labels.current(), "verdict", verdict, lang) + suffix,
                    fmt_number(int(counts.get(verdict, 0)), lang),
                    border=True,
                )
        shown = _verdict_words(units, ("verdict",), lang, provisional)
        components.show_table(columns_table(shown, UNIT_COLUMNS, lang), pinned=2)
        components.suppressed_caption(units, lang)


def heatmap_section(
    release: Release, scope: Scope, units: pd.DataFrame, staff_scope: str, lang: str
) -> None:
    """EJ by month of the units whose gap in the period is largest (at most HEATMAP_UNITS)."""
    shown = units.dropna(subset=["ej"])
    with st.container(border=True):
        st.subheader(t("staffing_heatmap_title", lang))
        if shown.empty:
            st.caption(t("no_data_in_scope", lang))
            return
        chosen = shown.assign(size=shown["gap"].abs()).nlargest(HEATMAP_UNITS, "size")
        history = _labelled(staffing.staffing_units(release, scope, None, staff_scope))
        history = history[history["unit_id"].isin(chosen["unit_id"]) & history["ej"].notna()]
        st.caption(t("staffing_heatmap_caption", lang, n=len(chosen)))
        figure = charts.staffing_heatmap(
            history.sort_values("path"), t("col_ej", lang), components.SEPARATORS[lang]
        )
        st.plotly_chart(figure, width="stretch", key="staffing_heatmap")


def projection_section(
    release: Release, scope: Scope, units: pd.DataFrame, staff_scope: str, lang: str
) -> None:
    shown = units[~units["suppressed"]]
    labels = dict(zip(shown["unit_id"], shown["unit_label"], strict=True))
    with st.container(border=True):
        st.subheader(t("projection_title", lang))
        st.caption(t("projection_caption", lang))
        unit_id = st.selectbox(
            t("col_unit", lang),
            options=list(labels),
            format_func=lambda u: labels.get(u, u),
            key="projection_unit",
        )
        projection = staffing.staffing_projection(release, scope, unit_id, staff_scope)
        if projection.empty or projection["suppressed"].any():
            st.caption(t("group_too_small_or_empty", lang, min=SMALL_GROUP_MIN_EMPLOYEES))
            return
        figure = charts.projection_chart(
            projection,
            {"fte_projected": t("col_fte_actual", lang), "ej_projected": t("col_ej", lang)},
            components.SEPARATORS[lang],
            {verdict: t(f"verdict_{verdict}", lang) for verdict in charts.VERDICT_COLOURS},
        )
        st.plotly_chart(figure, width="stretch", key="projection_chart")


def what_if_section(
    release: Release,
    scope: Scope,
    units: pd.DataFrame,
    period: str,
    staff_scope: str,
    lang: str,
    provisional: bool = False,
) -> None:
    """Move FTE between two units; both verdicts classified in SQL with the bands the mart used
    (R6)."""
    candidates = units.dropna(subset=["ej"])
    labels = dict(zip(candidates["unit_id"], candidates["unit_label"], strict=True))
    bands = staffing.staffing_bands(release, scope, period)
    with st.container(border=True):
        st.subheader(t("what_if_title", lang))
        if len(labels) < 2 or bands.empty:
            st.caption(t("what_if_unavailable", lang))
            return
        ids = list(labels)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            source = st.selectbox(
                t("what_if_from", lang), ids, format_func=labels.get, key="what_if_from"
            )
            target = st.selectbox(
                t("what_if_to", lang),
                [u for u in ids if u != source],
                format_func=labels.get,
                key="what_if_to",
            )
            available = float(candidates.loc[candidates["unit_id"] == source, "fte_actual"].iloc[0])
            moved = st.number_input(
                t("what_if_fte", lang),
                min_value=0.0,
                max_value=max(available, 0.0),
                value=min(1.0, available),
                step=WHAT_IF_STEP_FTE,
                key="what_if_fte",
            )
        result = staffing.what_if(release, scope, period, source, target, moved, staff_scope)
        result = result.assign(unit_name=result["unit_id"].map(labels))
        shown = _verdict_words(result, ("verdict_before", "verdict_after"), lang, provisional)
        components.show_table(
            columns_table(shown, WHAT_IF_COLUMNS, lang), pinned=2, key="what_if_result"
        )
        verdicts = bands[bands["band_kind"] == "VERDICT"]["legal_basis"].dropna()
        basis = "; ".join(sorted(set(verdicts.str.split(":").str[0])))
        st.caption(t("what_if_caption", lang, basis=basis))


def render() -> None:
    context = page.open_page(PageId.BEBAN_KERJA)
    if context is None:
        return
    scope, lang, release, period = context.scope, context.lang, context.release, context.period
    staff_scope = (
        st.segmented_control(
            t("staff_scope", lang),
            options=list(staffing.STAFFING_SCOPES),
            format_func=lambda s: t(f"staff_scope_{s}", lang),
            default="DIRECT",
            key=STAFF_SCOPE_KEY,
        )
        or "DIRECT"
    )
    units = _labelled(staffing.staffing_units(release, scope, period, staff_scope))
    if units.empty:
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
        return
    units_section(units, lang, context.provisional)
    heatmap_section(release, scope, units, staff_scope, lang)
    left, right = st.columns(2)
    with left:
        projection_section(release, scope, units, staff_scope, lang)
    with right:
        what_if_section(release, scope, units, period, staff_scope, lang, context.provisional)
    components.footer(release, lang)


render()
