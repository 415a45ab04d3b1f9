"""Indikator RB — the R9 bureaucratic-reform indicators of the selected period: the indicators of
one unit subtree of the scope with their formula and legal basis, the same indicators for the
units one level below, and downloads of every unit of the scope as XLSX and CSV written by the
same code as ``eperf export`` (eperf.export: definitions sheet, provenance, formula-like text
neutralised). Every download is written to the audit log. Aggregates only; for aggregate-only
roles subtrees under the small-group limit show no value.

Source: rpt_rb_indicators ⋈ dim_org_unit (dashboards.lib.data.reform).
"""

import pandas as pd
import streamlit as st

from dashboards.lib import auth, components, downloads, page
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, PageId
from dashboards.lib.data import Release, reform
from dashboards.lib.i18n import t
from dashboards.lib.tables import columns_table
from eperf import audit
from eperf.config import Settings

UNIT_KEY = "indikator_unit"
# The indicator's name (in the UI language: dim_code_label) first, its code beside it.
INDICATOR_COLUMNS = (
    "indicator_name_id",
    "indicator_code",
    "value",
    "numerator",
    "denominator",
    "formula",
    "legal_basis",
)


def _record(session: auth.Session, fmt: str, period: str, unit_id: str, rows: int) -> None:
    audit.record(
        Settings.from_env().data_dir,
        "download_rb_indicators",
        "rpt_rb_indicators",
        actor=session.user.username,
        role=session.user.role.value,
        period=period,
        unit=unit_id,
        format=fmt,
        rows=rows,
    )


def download_section(
    release: Release, session: auth.Session, frame: pd.DataFrame, period: str, lang: str
) -> None:
    """XLSX and CSV of every unit subtree of the scope (the scope's top unit names the file)."""
    top = str(frame.sort_values("depth")["unit_id"].iloc[0])
    with st.container(horizontal=True):
        for fmt in downloads.EXPORT_FORMATS:
            st.download_button(
                t(f"download_{fmt}", lang),
                data=downloads.scope_indicator_export(release, session.scope, period, top, fmt),
                file_name=f"indikator-rb-{top}-{period}.{fmt}",
                mime=downloads.MIME[fmt],
                icon=":material/download:",
                key=f"download_rb_{fmt}",
                on_click=_record,
                args=(session, fmt, period, top, len(frame)),
            )
    st.caption(t("download_rb_caption", lang, rows=len(frame)))


def render() -> None:
    context = page.open_page(PageId.INDIKATOR_RB)
    if context is None:
        return
    session, lang, release, period = context.session, context.lang, context.release, context.period
    indicators = reform.rb_indicators(release, session.scope, period)
    if indicators.empty:
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
        return
    units = indicators.drop_duplicates("unit_id").sort_values("path")
    labels = dict(zip(units["unit_id"], units["unit_name"].fillna(units["unit_id"]), strict=True))
    unit_id = st.selectbox(
        t("col_unit", lang), options=list(labels), format_func=labels.get, key=UNIT_KEY
    )
    names = [
        context.code_labels.label("rb_indicator", code, lang, name)
        for code, name in zip(
            indicators["indicator_code"], indicators["indicator_name_id"], strict=True
        )
    ]
    indicators = indicators.assign(indicator_name_id=names)
    rows = indicators[indicators["unit_id"] == unit_id]
    with st.container(border=True):
        st.subheader(t("rb_unit_title", lang, unit=labels[unit_id]))
        if rows["suppressed"].any():
            st.caption(t("group_too_small_or_empty", lang, min=SMALL_GROUP_MIN_EMPLOYEES))
        components.show_table(
            columns_table(rows, INDICATOR_COLUMNS, lang),
            column_config={t("col_formula", lang): st.column_config.TextColumn(width="large")},
        )
    children = indicators[indicators["parent_unit_id"] == unit_id]
    with st.container(border=True):
        st.subheader(t("rb_children_title", lang))
        if children.empty:
            st.caption(t("children_empty", lang))
        else:
            pivot = children.assign(
                unit_label=children["unit_name"].fillna(children["unit_id"]),
                value=children["value"].astype(float),
            ).pivot_table(
                index="unit_label", columns="indicator_name_id", values="value", sort=False
            )
            components.show_table(
                pivot.reset_index().rename(columns={"unit_label": t("col_unit", lang)})
            )
            components.suppressed_caption(children.drop_duplicates("unit_id"), lang)
    with st.container(border=True):
        st.subheader(t("rb_download_title", lang))
        download_section(release, session, indicators, period, lang)
    components.footer(release, lang)


render()
