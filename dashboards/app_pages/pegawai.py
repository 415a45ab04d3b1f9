"""Pegawai — one employee's monthly statement: the attendance calendar, capaian and predicate,
what they did (each activity report with its output and the minutes claimed and credited, and
why they differ: R3), every deduction line with its date, rule and explanation, the waterfall
from potential to net tukin, and the statement as a PDF. A month that rows still in quarantine
may change (``has_quarantined_input``) carries a warning in words with their reasons, on the page
and in the PDF (reasons from fct_marked_employee_months; never the rows themselves).

A PEGAWAI sees only their own statement; MENTERI and PIMPINAN pick an employee of their scope
(``?nip=…&period=…`` in the URL). Opening someone else's statement and downloading a PDF are
written to the audit log (eperf.audit). Sources: fct_employee_monthly, fct_attendance_daily,
fct_tukin_lines, dim_employee, dim_org_unit (dashboards.lib.data), fct_marked_employee_months
(dashboards.lib.data.quality).
"""

import pandas as pd
import streamlit as st

from dashboards.lib import activities, auth, charts, components, filters, page, pdf, statement
from dashboards.lib.access import PageId
from dashboards.lib.data import Release, attendance, labels, quality, tukin
from dashboards.lib.data import activities as activity_data
from dashboards.lib.i18n import fmt_number, fmt_pct, fmt_period, fmt_rupiah, t
from dashboards.lib.tables import LINE_COLUMNS, columns_table
from eperf import audit
from eperf.config import Settings
from eperf.formats import cited_basis

NIP_PARAM = "nip"
PICKER_KEY = "pegawai_nip"
SEARCH_KEY = "pegawai_search"
AUDITED_KEY = "pegawai_audited_views"
MAX_PARAM_CHARS = 32


def _record(action: str, session: auth.Session, nip: str, period: str) -> None:
    audit.record(
        Settings.from_env().data_dir,
        action,
        nip,
        actor=session.user.username,
        role=session.user.role.value,
        period=period,
    )


def _record_view_once(session: auth.Session, nip: str, period: str) -> None:
    """Audit a view of someone else's statement once per session, employee and period."""
    if nip == session.scope.nip:
        return
    seen = st.session_state.setdefault(AUDITED_KEY, set())
    if (nip, period) not in seen:
        _record("view_statement", session, nip, period)
        seen.add((nip, period))


def _sync_nip_param() -> None:
    st.query_params[NIP_PARAM] = st.session_state[PICKER_KEY] or ""


def _pick_employee(release: Release, session: auth.Session, period: str, lang: str) -> str | None:
    """The employee to show: oneself for PEGAWAI; else the URL's or the picker's choice.

    Returns None after an access-denied message or while nothing is picked.
    """
    scope = session.scope
    requested = st.query_params.get(NIP_PARAM) or None
    if not scope.may_see_personal:
        if requested not in (None, scope.nip):
            st.error(t("employee_denied", lang), icon=":material/block:")
            return None
        return scope.nip
    search = st.text_input(t("search_employee", lang), key=SEARCH_KEY, max_chars=64)
    options = tukin.employee_options(release, scope, period, search)
    labels = dict(zip(options["nip"], options["full_name"].fillna(""), strict=True))
    if requested is not None and requested not in labels:
        found = (
            tukin.employee_month(release, scope, requested, period)
            if len(requested) <= MAX_PARAM_CHARS
            else None
        )
        if found is None or found.empty:
            st.error(t("employee_denied", lang), icon=":material/block:")
            return None
        labels = {requested: found["full_name"].fillna("").iloc[0], **labels}
    if requested is not None and st.session_state.get(PICKER_KEY) != requested:
        st.session_state[PICKER_KEY] = requested
    extra = {} if PICKER_KEY in st.session_state else {"index": None}
    return st.selectbox(
        t("choose_employee", lang),
        options=list(labels),
        format_func=lambda n: f"{labels.get(n) or n} — {n}",
        key=PICKER_KEY,
        on_change=_sync_nip_param,
        placeholder=t("choose_employee_placeholder", lang),
        filter_mode=None,  # the search box above filters: no Streamlit "No results" (English)
        **extra,
    )


def header(month: pd.Series, lines: pd.DataFrame, lang: str) -> None:
    st.subheader(f"{month['full_name'] or '—'} · NIP {month['nip']}")
    st.caption(
        t(
            "statement_caption",
            lang,
            unit=month["unit_name"] or month["unit_id"],
            job_class=month["job_class"],
            status=labels.label(
                labels.current(), "employment_status", month["employment_status"], lang
            ),
            period=fmt_period(month["period"], lang),
        )
    )
    with st.container(horizontal=True):
        st.metric(t("stmt_capaian", lang), fmt_pct(month["capaian_pct"], lang, 2), border=True)
        predicate = labels.label(labels.current(), "predicate", month["predicate"], lang)
        st.metric(t("stmt_predicate", lang), predicate, border=True)
        st.metric(
            t("stmt_potential", lang), fmt_rupiah(month["tukin_potential_idr"], lang), border=True
        )
        st.metric(
            t("stmt_deductions", lang),
            fmt_rupiah(statement.deductions_total(lines), lang),
            border=True,
        )
        st.metric(t("stmt_net", lang), fmt_rupiah(month["tukin_net_idr"], lang), border=True)


def quarantine_notice(month: pd.Series, lang: str) -> None:
    """The warning of a month that rows still in quarantine may change (none otherwise)."""
    mark = statement.quarantine_mark(month)
    if mark is not None:
        st.warning(statement.quarantine_warning(mark, lang), icon=":material/warning:")


def _hover(day: pd.Series, lang: str) -> str:
    parts = [f"{day['work_date']:%Y-%m-%d}"]
    if pd.isna(day.get("status")):
        return parts[0] + " · " + t("cal_NO_WORKDAY", lang)
    parts.append(str(day["status"]))
    for code, minutes in (("tl_code", "late_minutes"), ("psw_code", "early_minutes")):
        if not pd.isna(day[code]):
            parts.append(f"{day[code]} ({fmt_number(day[minutes], lang)} {t('minutes', lang)})")
    times = [
        f"{v:%H:%M}" if not pd.isna(v) else "—"
        for v in (day["check_in_local"], day["check_out_local"])
    ]
    if day["status"] == "HADIR":
        parts.append(f"{times[0]}–{times[1]}")
    return " · ".join(parts)


def calendar_section(
    release: Release, session: auth.Session, nip: str, period: str, lang: str
) -> None:
    attendance_rows = attendance.attendance_days(release, session.scope, nip, period)
    days = statement.calendar_days(period, attendance_rows)
    days["hover"] = [_hover(day, lang) for _, day in days.iterrows()]
    labels = {c: t(f"cal_{c}", lang) for c in statement.CALENDAR_CATEGORIES}
    weekdays = t("weekdays", lang).split(",")
    with st.container(border=True):
        st.subheader(t("calendar_title", lang))
        st.plotly_chart(charts.attendance_calendar(days, labels, weekdays), width="stretch")


def activity_series_labels(lang: str) -> dict[str, str]:
    """The words of the Aktivitas chart's series."""
    return {
        "credited_minutes": t("series_credited", lang),
        "not_credited_minutes": t("series_not_credited", lang),
        "target": t("series_target", lang),
        "cap": t("series_cap", lang),
    }


def activities_section(
    month: pd.Series, reports: pd.DataFrame, limits: pd.DataFrame, lang: str
) -> None:
    """What the employee did (R3): the month's reports by day with output, minutes claimed and
    credited and why they differ, the credited minutes per day against the daily target and
    cap, and the check that the reports add up to the capaian's credited minutes."""
    with st.container(border=True):
        st.subheader(t("activities_title", lang))
        st.caption(t("activities_caption", lang))
        if reports.empty:
            st.caption(t("activities_none", lang))
            return
        days = activities.day_totals(str(month["period"]), reports, limits)
        figure = charts.activity_minutes_chart(
            days, activity_series_labels(lang), components.SEPARATORS[lang]
        )
        st.markdown(f"**{t('activities_chart_title', lang)}**")
        st.plotly_chart(figure, width="stretch", key="activity_minutes")
        limits_line = activities.limits_text(limits, str(month["period"]), lang)
        if limits_line:
            st.caption(limits_line)
        table = activities.report_table(reports, lang)
        components.show_table(
            columns_table(table, activities.REPORT_COLUMNS, lang),
            pinned=2,
            column_config={
                t("col_report_description", lang): st.column_config.TextColumn(width="large")
            },
        )
        activities_check(month, reports, lang)


def activities_check(month: pd.Series, reports: pd.DataFrame, lang: str) -> None:
    """The reports' credited minutes beside the capaian's (equal by construction: a difference
    is said, never hidden)."""
    agree, text = activities.check_text(month, reports, lang)
    if agree:
        st.caption(text)
    else:
        st.warning(text, icon=":material/warning:")


def lines_section(month: pd.Series, lines: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("stmt_lines_title", lang))
        if lines.empty:
            st.caption(t("stmt_no_lines", lang))
        else:
            table = lines.assign(
                legal_basis=[
                    cited_basis(basis, ref)
                    for basis, ref in zip(lines["legal_basis"], lines["rule_ref"], strict=True)
                ]
            )
            components.show_table(
                columns_table(table, LINE_COLUMNS, lang),
                pinned=2,
                column_config={
                    t("col_description", lang): st.column_config.TextColumn(width="large")
                },
            )
        st.caption(
            t(
                "stmt_check",
                lang,
                total=fmt_rupiah(statement.deductions_total(lines), lang),
                potential=fmt_rupiah(month["tukin_potential_idr"], lang),
                net=fmt_rupiah(month["tukin_net_idr"], lang),
            )
        )


def waterfall_section(month: pd.Series, lines: pd.DataFrame, lang: str) -> None:
    code_labels = labels.current()
    words = {
        cause: labels.label(code_labels, "cause", cause, lang)
        for cause in (
            "POTENTIAL",
            "TL",
            "PSW",
            "TK",
            "PERFORMANCE",
            "LEAVE",
            "SANCTION",
            "CAP",
            "NET",
            statement.ROUNDING_STEP,
        )
    }
    steps = statement.waterfall_steps(
        int(month["tukin_potential_idr"]), int(month["tukin_net_idr"]), lines, words
    )
    with st.container(border=True):
        st.subheader(t("waterfall_title", lang))
        figure = charts.tukin_waterfall(steps, components.SEPARATORS[lang])
        st.plotly_chart(figure, width="stretch", key="tukin_waterfall")


def download_section(
    release: Release,
    session: auth.Session,
    month: pd.Series,
    lines: pd.DataFrame,
    lang: str,
    period_status: dict | None = None,
    reports: pd.DataFrame | None = None,
    limits: pd.DataFrame | None = None,
) -> None:
    document = pdf.statement_pdf(
        month.to_dict(),
        lines,
        lang,
        footer=components.footer_text(release, lang),
        code_labels=labels.current(),
        period_status=period_status,
        reports=reports,
        limits=limits,
    )
    st.download_button(
        t("download_pdf", lang),
        data=document,
        file_name=f"slip-tukin-{month['nip']}-{month['period']}.pdf",
        mime="application/pdf",
        icon=":material/download:",
        key="download_pdf",
        on_click=_record,
        args=("download_statement_pdf", session, str(month["nip"]), str(month["period"])),
    )


def render() -> None:
    context = page.open_page(PageId.PEGAWAI)
    if context is None:
        return
    session, lang, release = context.session, context.lang, context.release
    period = context.period
    nip = _pick_employee(release, session, period, lang)
    if nip is None:
        return
    month_rows = tukin.employee_month(release, session.scope, nip, period)
    if month_rows.empty:
        st.info(t("statement_missing", lang, period=period), icon=":material/info:")
        return
    month = month_rows.iloc[0]
    if statement.quarantine_mark(month) is not None:
        mark = quality.month_mark(release, session.scope, nip, period)
        month = statement.with_quarantine(month, mark)
    st.query_params.update({NIP_PARAM: nip, filters.PERIOD_PARAM: period})
    _record_view_once(session, nip, period)
    lines = tukin.tukin_lines(release, session.scope, nip, period)
    header(month, lines, lang)
    quarantine_notice(month, lang)
    calendar_section(release, session, nip, period, lang)
    lines_section(month, lines, lang)
    waterfall_section(month, lines, lang)
    reports = activity_data.employee_reports(release, session.scope, nip, period)
    limits = activity_data.daily_limits(release, session.scope, period)
    activities_section(month, reports, limits, lang)
    download_section(release, session, month, lines, lang, context.period_status, reports, limits)
    components.footer(release, lang)


render()
