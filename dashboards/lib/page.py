"""The opening every page shares: the signed-in session allowed on the page, the language, the
release and the selected period, with the standard message when there is nothing to show, and
the status of the period (open and provisional, or closed and paid: dim_period) above every
page's figures."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from dashboards.lib import auth, data, filters
from dashboards.lib.access import PageId
from dashboards.lib.data import labels, periods
from dashboards.lib.i18n import current_language, fmt_period, t
from eperf.formats import CodeLabels, period_status_text


@dataclass(frozen=True)
class PageContext:
    session: auth.Session
    lang: str
    release: data.Release
    period: str | None
    period_status: dict | None = None
    code_labels: CodeLabels = field(default_factory=CodeLabels)

    @property
    def scope(self):
        """The signed-in user's data scope (access.Scope)."""
        return self.session.scope

    @property
    def provisional(self) -> bool:
        """True when the selected period is still open: its figures may change."""
        return periods.is_open(self.period_status)


def open_page(page: PageId, need_period: bool = True) -> PageContext | None:
    """Context of the page, or None after showing why it has nothing to show."""
    session = auth.require_page(auth.current_session(), page)
    lang = current_language()
    release, period = filters.selection()
    if release is None:
        st.info(t("no_release", lang), icon=":material/info:")
        return None
    if need_period and period is None:
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
        return None
    code_labels = labels.labels_of(release, session.scope)
    labels.use(code_labels)
    status = periods.status_of(release, session.scope, period)
    if period is not None:
        period_banner(status, period, lang)
    else:
        # A page over every period (Kualitas data) still says where the latest month stands.
        latest = periods.latest_status(release, session.scope)
        if latest is not None:
            period_banner(latest, str(latest["period"]), lang)
    return PageContext(session, lang, release, period, status, code_labels)


def period_banner(status: dict | None, period: str, lang: str) -> None:
    """The period's status in one line under the title: an orange badge while it is open (its
    figures provisional), a grey one once closed and paid. Not an ``st.warning``: a page's own
    warnings (rows in quarantine) stay the only ones."""
    text = period_status_text(status, lang)
    heading = f"{t('period', lang)} {fmt_period(period, lang)}"
    if periods.is_open(status):
        st.markdown(f":orange-badge[:material/pending: {heading}] {text}")
    elif status is None:
        st.caption(f"{heading} · {text}")
    else:
        st.markdown(f":gray-badge[:material/lock: {heading}] {text}")
