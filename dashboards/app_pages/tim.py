"""Tim saya — what a unit head's people did this month ("atasan mengetahui langsung apa yang
dikerjakan oleh bawahan"): each employee of the chosen unit's subtree with their reports, outputs
credited, minutes against the R3 target and capaian so far, the review queue of each supervisor
(reports waiting and the oldest one's age, against the review target of the rule set), the
reports waiting longest, and the catalogue activities the team reports most.

Personal data: only for roles that may see it (MENTERI, PIMPINAN), inside their subtree
(``visible_months``); opening a unit's team is written to the audit log (eperf.audit), once per
session, unit and period, as opening a statement is. ``?unit=`` outside the scope is denied.
Sources: fct_activity_reports, fct_review_backlog, fct_employee_monthly, dim_employee,
dim_org_unit (dashboards.lib.data.activities).
"""

import pandas as pd
import streamlit as st

from dashboards.lib import activities, auth, components, page, unit_picker
from dashboards.lib.access import PageId
from dashboards.lib.data import activities as activity_data
from dashboards.lib.data import org
from dashboards.lib.i18n import fmt_number, t
from dashboards.lib.tables import (
    BACKLOG_COLUMNS,
    PENDING_COLUMNS,
    TEAM_COLUMNS,
    TOP_ACTIVITY_COLUMNS,
    columns_table,
)
from eperf import audit
from eperf.config import Settings

AUDITED_KEY = "tim_audited_views"
# The reports waiting longest: the ones to clear first. The counts per supervisor are complete.
PENDING_SHOWN = 100


def _record_view_once(session: auth.Session, unit_id: str, period: str) -> None:
    """Audit a view of a unit's people once per session, unit and period."""
    seen = st.session_state.setdefault(AUDITED_KEY, set())
    if (unit_id, period) in seen:
        return
    audit.record(
        Settings.from_env().data_dir,
        "view_team",
        unit_id,
        actor=session.user.username,
        role=session.user.role.value,
        period=period,
    )
    seen.add((unit_id, period))


def people_section(team: pd.DataFrame, unit_name: str, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("team_people_title", lang))
        st.caption(t("team_caption", lang, unit=unit_name))
        table = team.assign(
            outputs_text=[activities.outputs_text(o, lang) for o in team["outputs"]]
        )
        components.person_list(table, TEAM_COLUMNS, lang)


def backlog_section(backlog: pd.DataFrame, pending: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("team_backlog_title", lang))
        waiting = 0 if backlog.empty else int(backlog["reports_pending"].sum())
        if waiting == 0 and pending.empty:
            st.caption(t("team_no_backlog", lang))
        if not backlog.empty:
            days = backlog["review_target_days"].dropna()
            if not days.empty:
                st.caption(t("team_backlog_caption", lang, days=fmt_number(days.max(), lang)))
            named = backlog.assign(
                reviewer_name=backlog["reviewer_name"].fillna(backlog["reviewer_nip"])
            )
            components.person_list(named, BACKLOG_COLUMNS, lang)
        if not pending.empty:
            st.markdown(f"**{t('team_pending_title', lang)}**")
            table = activities.with_output_text(pending, lang)
            components.show_table(columns_table(table, PENDING_COLUMNS, lang), pinned=2)
            if len(table) >= PENDING_SHOWN:
                st.caption(t("list_truncated", lang, limit=PENDING_SHOWN))


def top_activities_section(top: pd.DataFrame, lang: str) -> None:
    if top.empty:
        return
    with st.container(border=True):
        st.subheader(t("team_top_title", lang))
        components.show_table(columns_table(top, TOP_ACTIVITY_COLUMNS, lang), pinned=1)


def render() -> None:
    context = page.open_page(PageId.TIM)
    if context is None:
        return
    session, lang, release, period = context.session, context.lang, context.release, context.period
    scope = session.scope
    unit_id = unit_picker.selected_unit(release, scope, lang, key="tim")
    if unit_id is None:
        return
    unit = org.unit_info(release, scope, unit_id)
    unit_name = str(unit["unit_name"].iloc[0]) if not unit.empty else unit_id
    team = activity_data.team(release, scope, unit_id, period)
    if team.empty:
        st.info(t("team_empty", lang), icon=":material/info:")
        components.footer(release, lang)
        return
    _record_view_once(session, unit_id, period)
    people_section(team, unit_name, lang)
    backlog = activity_data.review_backlog(release, scope, unit_id, period)
    pending = activity_data.pending_reports(release, scope, unit_id, period, PENDING_SHOWN)
    backlog_section(backlog, pending, lang)
    top_activities_section(activity_data.top_activities(release, scope, unit_id, period), lang)
    components.footer(release, lang)


render()
