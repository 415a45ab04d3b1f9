"""The opening every page shares: the signed-in session allowed on the page, the language, the
release and the selected period, with the standard message when there is nothing to show."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboards.lib import auth, data, filters
from dashboards.lib.access import PageId
from dashboards.lib.i18n import current_language, t


@dataclass(frozen=True)
class PageContext:
    session: auth.Session
    lang: str
    release: data.Release
    period: str | None

    @property
    def scope(self):
        """The signed-in user's data scope (access.Scope)."""
        return self.session.scope


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
    return PageContext(session, lang, release, period)
