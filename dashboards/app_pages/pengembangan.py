"""Pengembangan — the development map of a unit's subtree (R12): the performance × behaviour
3 × 3 grid with the number of employees in each cell and the count per recommendation. The
employees of one cell (NIP, name) are listed only for roles that may see personal data
(MENTERI, PIMPINAN); the data layer returns no row to the others.

Source: fct_development_map ⋈ dim_org_unit (⋈ dim_employee for the cell list) of the current
serving release (dashboards.lib.data), scoped to the user's subtree; ``?unit=`` outside it is
denied.
"""

import pandas as pd
import streamlit as st

from dashboards.lib import auth, charts, components, page, unit_picker
from dashboards.lib.access import PageId
from dashboards.lib.data import Release, development, labels
from dashboards.lib.i18n import fmt_number, t
from dashboards.lib.tables import DEVELOPMENT_CELL_COLUMNS, columns_table, measures_table

LEVELS = charts.AXIS_LEVELS


def grid_section(grid: pd.DataFrame, lang: str) -> None:
    code_labels = labels.current()
    level_labels = {
        level: labels.label(code_labels, "development_axis", level, lang) for level in LEVELS
    }
    axis_labels = {
        "performance": t("dev_axis_performance", lang),
        "behaviour": t("dev_axis_behaviour", lang),
    }
    with st.container(border=True):
        st.subheader(t("dev_grid_title", lang))
        figure = charts.development_grid_chart(
            grid, level_labels, axis_labels, components.SEPARATORS[lang]
        )
        st.plotly_chart(figure, width="stretch")
        total = int(grid["employees"].sum())
        st.caption(t("headcount_employee_months", lang, n=fmt_number(total, lang)))


def recommendations_section(recommendations: pd.DataFrame, lang: str) -> None:
    if recommendations.empty:
        return
    labelled = recommendations.assign(
        recommendation_label=[
            labels.label(labels.current(), "recommendation", code, lang)
            for code in recommendations["recommendation"]
        ]
    )
    with st.container(border=True):
        st.subheader(t("dev_recommendations_title", lang))
        table = measures_table(labelled, {}, ("recommendation_label", "employees"), lang)
        components.show_table(table)


def cell_section(
    release: Release,
    session: auth.Session,
    unit_id: str,
    period: str,
    grid: pd.DataFrame,
    lang: str,
) -> None:
    """Drill to the employees of one cell: only for roles that may see personal data."""
    with st.container(border=True):
        st.subheader(t("dev_cell_title", lang))
        if not session.scope.may_see_personal:
            st.caption(t("dev_cell_hidden", lang))
            return
        counts = {
            (r.performance_axis, r.behaviour_axis): int(r.employees) for r in grid.itertuples()
        }
        cells = [(p, b) for p in reversed(LEVELS) for b in reversed(LEVELS)]
        cell = st.selectbox(
            t("dev_cell_choose", lang),
            options=cells,
            format_func=lambda c: (
                f"{t(f'dev_level_{c[0]}', lang)} / "
                f"{t(f'dev_level_{c[1]}', lang)} ({counts.get(c, 0)})"
            ),
            key=f"dev_cell_{unit_id}_{period}",
            filter_mode=None,  # nine cells: nothing to search, no English "No results"
        )
        employees = development.development_cell_employees(
            release, session.scope, unit_id, period, cell[0], cell[1]
        )
        if employees.empty:
            st.caption(t("dev_cell_empty", lang))
            return
        table = columns_table(employees, DEVELOPMENT_CELL_COLUMNS, lang)
        components.show_table(table, pinned=2)


def render() -> None:
    context = page.open_page(PageId.PENGEMBANGAN)
    if context is None:
        return
    session, lang, release, period = context.session, context.lang, context.release, context.period
    scope = session.scope
    unit_id = unit_picker.selected_unit(release, scope, lang, key="pengembangan")
    if unit_id is None:
        return
    grid = development.development_grid(release, scope, unit_id, period)
    if grid.empty:
        st.info(t("dev_no_data", lang, period=period), icon=":material/info:")
        components.footer(release, lang)
        return
    grid_section(grid, lang)
    recommendations_section(
        development.development_recommendations(release, scope, unit_id, period), lang
    )
    cell_section(release, session, unit_id, period, grid, lang)
    components.footer(release, lang)


render()
