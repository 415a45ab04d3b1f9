"""Telusuri — drill down from the top of the user's scope (the ministry for MENTERI) through
eselon I and the units below it to the employees of one unit.

Every level shows the same R5 measures (fct_unit_monthly, SUBTREE rows) and a table of its
child units; a click on a row opens that unit. The place is in the URL (``?unit=…&period=…``)
so a link can be shared; a unit outside the user's scope (or unknown, or any other text) shows
an access-denied message and no data. The employee list (fct_employee_monthly) is shown only to
roles that may see personal data.
"""

import streamlit as st

from dashboards.lib import auth, components, filters, page
from dashboards.lib.access import PageId, Scope
from dashboards.lib.data import Release, measures, org, periods
from dashboards.lib.i18n import t
from dashboards.lib.tables import EMPLOYEE_COLUMNS, columns_table, measures_table

UNIT_PARAM = "unit"
MAX_PARAM_CHARS = 64
PEGAWAI_PAGE = "app_pages/pegawai.py"


def _markdown_text(text: str) -> str:
    """A unit name shown as literal text in Markdown."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in text)


def _open_unit(unit_id: str) -> None:
    st.query_params[UNIT_PARAM] = unit_id


def _requested_unit(release: Release, scope: Scope) -> str | None:
    """The unit in the URL, else the top of the user's scope."""
    requested = st.query_params.get(UNIT_PARAM)
    if requested:
        return requested
    tops = org.scope_tops(release, scope)
    return str(tops["unit_id"].iloc[0]) if not tops.empty else None


def _denied(release: Release, scope: Scope, lang: str) -> None:
    st.error(t("unit_denied", lang), icon=":material/block:")
    tops = org.scope_tops(release, scope)
    if not tops.empty:
        st.button(
            t("back_to_my_unit", lang),
            key="telusuri_home",
            on_click=_open_unit,
            args=(str(tops["unit_id"].iloc[0]),),
        )


def breadcrumb(release: Release, scope: Scope, unit_id: str, lang: str) -> None:
    """The unit's ancestors inside the scope, each one click away; the unit itself last."""
    lineage = org.unit_lineage(release, scope, unit_id)
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for position, row in enumerate(lineage.itertuples(index=False)):
            name = row.unit_name or row.unit_id
            if position:
                st.markdown("›")
            if row.unit_id == unit_id:
                st.markdown(f"**{_markdown_text(name)}**")
            else:
                st.button(
                    name,
                    key=f"crumb_{row.unit_id}",
                    type="tertiary",
                    on_click=_open_unit,
                    args=(row.unit_id,),
                )


def children_section(release: Release, scope: Scope, unit_id: str, period: str, lang: str) -> None:
    children = measures.child_units(release, scope, period, unit_id).copy()
    with st.container(border=True):
        st.subheader(t("children_title", lang))
        if children.empty:
            st.caption(t("children_empty", lang))
            return
        st.caption(t("children_caption", lang))
        children["unit_label"] = children["unit_name"].fillna(children["unit_id"])
        table = measures_table(
            children, {"unit_label": "col_unit"}, components.COMPARISON_MEASURES, lang
        )
        # The key names the unit, so the selection starts empty at every level.
        event = st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=f"telusuri_children_{unit_id}_{period}",
            on_select="rerun",
            selection_mode=["single-row", "single-cell"],  # a click on a row or any cell
        )
    selection = event.selection
    rows = list(selection.get("rows", [])) + [cell[0] for cell in selection.get("cells", [])]
    if rows and 0 <= rows[0] < len(children):
        _open_unit(str(children["unit_id"].iloc[rows[0]]))
        st.rerun()


def employees_section(
    release: Release, session: auth.Session, unit_id: str, period: str, lang: str
) -> None:
    """The unit's direct members: names and NIPs only for roles with personal data."""
    with st.container(border=True):
        st.subheader(t("employees_title", lang))
        if not session.scope.may_see_personal:
            st.caption(t("employees_hidden", lang))
            return
        employees = measures.unit_employees(release, session.scope, unit_id, period)
        if employees.empty:
            st.caption(t("employees_empty", lang))
            return
        components.show_table(columns_table(employees, EMPLOYEE_COLUMNS, lang), pinned=2)
        if not session.may_open(PageId.PEGAWAI):
            return
        labels = dict(zip(employees["nip"], employees["full_name"].fillna(""), strict=True))
        with st.container(horizontal=True, vertical_alignment="bottom"):
            nip = st.selectbox(
                t("choose_employee", lang),
                options=list(labels),
                index=None,
                format_func=lambda n: f"{labels[n]} — {n}",
                key=f"telusuri_employee_{unit_id}_{period}",
                placeholder=t("choose_employee_placeholder", lang),
            )
            if st.button(t("open_statement", lang), key="telusuri_open", disabled=nip is None):
                st.switch_page(PEGAWAI_PAGE, query_params={"nip": nip, "period": period})


def render() -> None:
    context = page.open_page(PageId.TELUSURI)
    if context is None:
        return
    session, lang, release = context.session, context.lang, context.release
    period = context.period
    scope = session.scope
    unit_id = _requested_unit(release, scope)
    known = unit_id is not None and len(unit_id) <= MAX_PARAM_CHARS
    unit = org.unit_info(release, scope, unit_id) if known else None
    if unit is None or unit.empty:
        _denied(release, scope, lang)
        return
    st.query_params.update({UNIT_PARAM: unit_id, filters.PERIOD_PARAM: period})
    breadcrumb(release, scope, unit_id, lang)
    summary = measures.unit_measures(release, scope, unit_id)
    if period in set(summary["period"]):
        components.kpi_row(summary, period, lang, periods.open_periods(release, scope))
        components.trend_section(summary, lang)
    else:
        st.info(t("unit_no_data", lang, period=period), icon=":material/info:")
    children_section(release, scope, unit_id, period, lang)
    employees_section(release, session, unit_id, period, lang)
    components.footer(release, lang)


render()
