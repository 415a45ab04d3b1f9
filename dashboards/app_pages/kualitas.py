"""Kualitas data — what the current release holds and how clean its sources were.

For ADMIN_DATA and MENTERI (access.ROLE_PAGES):

- the quarantine: source rows ingestion rejected, by day quarantined, source, table and reason
  (a Plotly chart and a table of rows held / resolved), filterable by source, table and reason;
- the latest result of each check suite (blocking or warning, passed, failed expectations);
- freshness: the newest load of each source from the load log (rows in, loaded, merged,
  quarantined), and of each source table;
- the release itself: when and by which run it was published, the rule set, the rows of each
  published mart and of each raw source table.

For ADMIN_DATA only (access.Scope.may_see_quarantine_rows, enforced in the SQL of
dashboards.lib.data.quality): the quarantined rows themselves (row text, detail, whose months
they concern), held ones first; the sample values of failed expectations; the employee-months a held
row may change (NIP, period, unit, rows, reasons); CSV downloads of both, written to the audit
log. MENTERI sees the counts only (marked employee-months per period), never a row text or a NIP.
Reasons are always shown in words (Indonesian, or English when chosen) with their code.

Sources: fct_quarantined_rows, fct_marked_employee_months, the release's load log and check
results (eperf.serving QUALITY_TABLES) and its manifest ``_release.json``.
"""

import pandas as pd
import streamlit as st

from dashboards.lib import auth, charts, components, downloads, page
from dashboards.lib.access import PageId, Scope
from dashboards.lib.data import Release, quality
from dashboards.lib.i18n import fmt_number, reason_label, reasons_text, source_label, t
from dashboards.lib.tables import (
    CHECK_COLUMNS,
    CHECK_FAILURE_COLUMNS,
    LOAD_SOURCE_COLUMNS,
    LOAD_TABLE_COLUMNS,
    MARKED_MONTH_COLUMNS,
    MARKED_PERIOD_COLUMNS,
    QUARANTINE_ROW_COLUMNS,
    QUARANTINE_SUMMARY_COLUMNS,
    columns_table,
)
from eperf import audit
from eperf.config import Settings

SOURCES_KEY = "kualitas_sources"
TABLES_KEY = "kualitas_tables"
REASONS_KEY = "kualitas_reasons"


def _record(session: auth.Session, action: str, rows: int, **filters: object) -> None:
    audit.record(
        Settings.from_env().data_dir,
        action,
        "fct_quarantined_rows" if action == "download_quarantined_rows" else "marked_months",
        actor=session.user.username,
        role=session.user.role.value,
        format="csv",
        rows=rows,
        **filters,
    )


def _table(frame: pd.DataFrame, columns: tuple[str, ...], lang: str, **config) -> None:
    st.dataframe(columns_table(frame, columns, lang), hide_index=True, width="stretch", **config)


def _labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with the word columns the tables show: source, reason (words and code)."""
    out = frame.copy()
    if "source" in out:
        out["source_label"] = [source_label(s, lang) for s in out["source"]]
    if "reason" in out:
        out["reason_label"] = [reason_label(r, lang, with_code=True) for r in out["reason"]]
    return out


# --- the quarantine ----------------------------------------------------------------------------
def _filters(by_day: pd.DataFrame, lang: str) -> tuple[tuple[str, ...], ...]:
    """The source, table and reason multiselects (none chosen: all); returns the three choices."""
    choices = []
    with st.container(horizontal=True):
        for key, column, label_key, label in (
            (SOURCES_KEY, "source", "q_filter_source", lambda s: source_label(s, lang)),
            (TABLES_KEY, "source_table", "q_filter_table", str),
            (REASONS_KEY, "reason", "q_filter_reason", lambda r: reason_label(r, lang, True)),
        ):
            options = sorted(by_day[column].dropna().unique().tolist())
            chosen = st.multiselect(
                t(label_key, lang),
                options=options,
                format_func=label,
                key=key,
                placeholder=t("q_filter_all", lang),
            )
            choices.append(tuple(chosen))
    return tuple(choices)


def _narrow(frame: pd.DataFrame, sources: tuple, tables: tuple, reasons: tuple) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    for column, chosen in (("source", sources), ("source_table", tables), ("reason", reasons)):
        if chosen:
            keep &= frame[column].isin(chosen)
    return frame[keep]


def _kpis(by_day: pd.DataFrame, marked: pd.DataFrame, checks: pd.DataFrame, lang: str) -> None:
    with st.container(horizontal=True):
        st.metric(t("q_kpi_held", lang), fmt_number(by_day["held_rows"].sum(), lang), border=True)
        st.metric(
            t("q_kpi_resolved", lang), fmt_number(by_day["resolved_rows"].sum(), lang), border=True
        )
        st.metric(
            t("q_kpi_marked", lang),
            fmt_number(marked["employee_months"].sum(), lang),
            help=t("help_q_marked", lang),
            border=True,
        )
        failed = int((~checks["success"].astype(bool)).sum()) if not checks.empty else 0
        st.metric(
            t("q_kpi_failed_suites", lang),
            f"{fmt_number(failed, lang)} / {fmt_number(len(checks), lang)}",
            border=True,
        )


def quarantine_section(
    release: Release, session: auth.Session, by_day: pd.DataFrame, lang: str
) -> None:
    scope = session.scope
    with st.container(border=True):
        st.subheader(t("quarantine_title", lang))
        st.caption(t("quarantine_caption", lang))
        if not quality.available(release)["fct_quarantined_rows"]:
            st.caption(t("quarantine_unavailable", lang))
            return
        if by_day.empty:
            st.success(t("quarantine_none", lang), icon=":material/check_circle:")
            return
        sources, tables, reasons = _filters(by_day, lang)
        shown = _narrow(by_day, sources, tables, reasons)
        reason_words = {r: reason_label(r, lang) for r in by_day["reason"].unique()}
        figure = charts.quarantine_chart(
            shown,
            reason_words,
            {"held": t("q_held", lang), "resolved": t("q_resolved", lang)},
            {"day": t("q_chart_day", lang), "rows": t("q_chart_rows", lang)},
            components.SEPARATORS[lang],
        )
        st.markdown(f"**{t('q_chart_title', lang)}**")
        st.plotly_chart(figure, width="stretch", key="quarantine_chart")
        st.markdown(f"**{t('q_summary_title', lang)}**")
        summary = _labelled(quality.quarantine_summary(shown), lang)
        _table(summary, QUARANTINE_SUMMARY_COLUMNS, lang)
        if scope.may_see_quarantine_rows:
            rows_list(release, session, shown, (sources, tables, reasons), lang)


def _scope_text(kind: object, value: object, lang: str) -> str:
    if kind is None or pd.isna(kind):
        return t("q_scope_none", lang)
    key = f"qscope_{kind}"
    words = t(key, lang) if key in _SCOPE_KEYS else str(kind)
    return f"{words} {'' if value is None or pd.isna(value) else value}".strip()


_SCOPE_KEYS = {"qscope_nip", "qscope_unit", "qscope_device", "qscope_activity"}


def _rows_display(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = _labelled(rows, lang)
    out["state_label"] = [
        t("q_held", lang)
        if held
        else t(f"q_resolution_{res}", lang)
        if res in ("LOADED", "SUPERSEDED")
        else t("q_resolved", lang)
        for held, res in zip(out["is_active"], out["resolution"], strict=True)
    ]
    out["scope_text"] = [
        _scope_text(k, v, lang) for k, v in zip(out["scope_kind"], out["scope_value"], strict=True)
    ]
    return out


def rows_list(
    release: Release,
    session: auth.Session,
    shown: pd.DataFrame,
    filters: tuple[tuple[str, ...], ...],
    lang: str,
) -> None:
    """The rows themselves (ADMIN_DATA): held first, the page's filters applied, and their CSV."""
    scope = session.scope
    sources, tables, reasons = filters
    rows = quality.quarantined_rows(release, scope, sources, tables, reasons)
    st.markdown(f"**{t('q_rows_title', lang)}**")
    st.caption(t("q_rows_caption", lang))
    _table(
        _rows_display(rows, lang),
        QUARANTINE_ROW_COLUMNS,
        lang,
        column_config={t("col_q_raw_text", lang): st.column_config.TextColumn(width="large")},
    )
    total = int(shown["total_rows"].sum())
    if total > len(rows):
        st.caption(t("list_truncated", lang, limit=fmt_number(len(rows), lang)))
    st.download_button(
        t("q_download_rows", lang),
        data=lambda: downloads.quarantined_rows_csv(release, scope, filters, lang),
        file_name=f"karantina-{release.release_id}.csv",
        mime=downloads.MIME["csv"],
        icon=":material/download:",
        key="download_quarantined_rows",
        on_click=_record,
        args=(session, "download_quarantined_rows", min(total, quality.DOWNLOAD_LIMIT)),
        kwargs={"sources": list(sources), "tables": list(tables), "reasons": list(reasons)},
    )
    st.caption(t("q_download_caption", lang))


# --- checks and loads ----------------------------------------------------------------------------
def _kind_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["kind_label"] = [t("q_blocking" if b else "q_warning", lang) for b in out["blocking"]]
    return out


def checks_section(scope: Scope, checks: pd.DataFrame, failures: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("q_checks_title", lang))
        st.caption(t("q_checks_caption", lang))
        if checks.empty:
            st.caption(t("q_checks_none", lang))
            return
        shown = _kind_labels(checks, lang)
        shown["source_table"] = [
            f"{source_label(s, lang)} · {table}"
            for s, table in zip(shown["source"], shown["source_table"], strict=True)
        ]
        shown["result_label"] = [
            f"✓ {t('q_passed', lang)}" if ok else f"✗ {t('q_failed', lang)}"
            for ok in shown["success"]
        ]
        _table(shown, CHECK_COLUMNS, lang)
        if failures.empty:
            return
        st.markdown(f"**{t('q_failures_title', lang)}**")
        columns = CHECK_FAILURE_COLUMNS
        if scope.may_see_quarantine_rows:
            columns = (*columns, "unexpected_sample")
        _table(_kind_labels(failures, lang), columns, lang)


def loads_section(by_source: pd.DataFrame, by_table: pd.DataFrame, lang: str) -> None:
    with st.container(border=True):
        st.subheader(t("q_loads_title", lang))
        st.caption(t("q_loads_caption", lang))
        if by_source.empty:
            st.caption(t("q_loads_none", lang))
            return
        _table(_labelled(by_source, lang), LOAD_SOURCE_COLUMNS, lang)
        with st.expander(t("q_loads_by_table", lang)):
            _table(_labelled(by_table, lang), LOAD_TABLE_COLUMNS, lang)


# --- marked employee-months ----------------------------------------------------------------------
def marked_section(
    release: Release, session: auth.Session, by_period: pd.DataFrame, lang: str
) -> None:
    scope = session.scope
    with st.container(border=True):
        st.subheader(t("q_marked_title", lang))
        st.caption(t("q_marked_caption", lang))
        if by_period.empty:
            st.caption(t("q_marked_none", lang))
            return
        st.markdown(f"**{t('q_marked_by_period_title', lang)}**")
        _table(by_period, MARKED_PERIOD_COLUMNS, lang)
        if not scope.may_see_quarantine_rows:
            return
        months = quality.marked_months(release, scope)
        months = months.assign(
            reasons_label=[reasons_text(r, lang, with_code=True) for r in months["reasons"]]
        )
        _table(
            months.head(quality.ROW_LIST_LIMIT),
            MARKED_MONTH_COLUMNS,
            lang,
            column_config={t("col_q_reasons", lang): st.column_config.TextColumn(width="large")},
        )
        if len(months) > quality.ROW_LIST_LIMIT:
            st.caption(t("list_truncated", lang, limit=quality.ROW_LIST_LIMIT))
        st.download_button(
            t("q_download_marked", lang),
            data=lambda: downloads.marked_months_csv(release, scope, lang),
            file_name=f"pegawai-bulan-ditandai-{release.release_id}.csv",
            mime=downloads.MIME["csv"],
            icon=":material/download:",
            key="download_marked_months",
            on_click=_record,
            args=(session, "download_marked_months", len(months)),
        )
        st.caption(t("q_download_caption", lang))


# --- the release ---------------------------------------------------------------------------------
def release_section(release: Release, scope: Scope, lang: str) -> None:
    marts, sources = quality.release_quality(release, scope)
    with st.container(horizontal=True):
        st.metric(t("quality_release", lang), release.release_id, border=True)
        st.metric(t("quality_rule_set", lang), release.rule_set or "—", border=True)
        st.metric(t("quality_marts", lang), fmt_number(len(marts), lang), border=True)
    labels = {"table": t("quality_table", lang), "rows": t("quality_rows", lang)}
    with st.expander(t("q_release_title", lang)):
        for title_key, frame in (
            ("quality_marts_title", marts),
            ("quality_sources_title", sources),
        ):
            st.markdown(f"**{t(title_key, lang)}**")
            if frame.empty:
                st.caption(t("quality_none", lang))
            else:
                st.dataframe(
                    frame.rename(columns=labels).style.format(
                        {labels["rows"]: lambda v: fmt_number(v, lang)}
                    ),
                    hide_index=True,
                    width="stretch",
                )


def render() -> None:
    context = page.open_page(PageId.KUALITAS, need_period=False)
    if context is None:
        return
    session, lang, release = context.session, context.lang, context.release
    scope = session.scope
    by_day = quality.quarantine_by_day(release, scope)
    by_period = quality.marked_months_by_period(release, scope)
    checks = quality.latest_checks(release, scope)
    _kpis(by_day, by_period, checks, lang)
    if not scope.may_see_quarantine_rows:
        st.info(t("q_rows_hidden", lang), icon=":material/lock:")
    quarantine_section(release, session, by_day, lang)
    marked_section(release, session, by_period, lang)
    checks_section(scope, checks, quality.check_failures(release, scope), lang)
    loads_section(
        quality.loads_by_source(release, scope),
        quality.loads_by_table(release, scope),
        lang,
    )
    release_section(release, scope, lang)
    components.footer(release, lang)


render()
