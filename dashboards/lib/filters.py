"""The shared sidebar filter (period) and the selection every page reads from session state."""

from __future__ import annotations

import streamlit as st

from dashboards.lib import data
from dashboards.lib.access import Scope
from dashboards.lib.data import org
from dashboards.lib.i18n import t

RELEASE_KEY = "release"  # the data.Release resolved once per run by streamlit_app.py
PERIOD_KEY = "period"  # the period selectbox
PERIOD_PARAM = "period"  # the period in the URL (?period=YYYY-MM), for links that are shared


def period_filter(release: data.Release | None, scope: Scope) -> str | None:
    """Render the period selector in the sidebar (newest first, so the latest is the default).

    Offers only the periods with rows in the user's scope. A valid ``?period=`` in the URL
    chooses the period when the selector is first shown. Stores the release for the pages;
    returns the selected period, None when there is none.
    """
    st.session_state[RELEASE_KEY] = release
    if release is None:
        return None
    periods = sorted(org.periods(release, scope), reverse=True)
    if not periods:
        st.session_state.pop(PERIOD_KEY, None)
        return None
    if PERIOD_KEY not in st.session_state or st.session_state[PERIOD_KEY] not in periods:
        requested = st.query_params.get(PERIOD_PARAM)
        st.session_state[PERIOD_KEY] = requested if requested in periods else periods[0]
    # A short list read, not searched: no typing, so no Streamlit "No results" (English only).
    return st.sidebar.selectbox(t("period"), options=periods, key=PERIOD_KEY, filter_mode=None)


def selection() -> tuple[data.Release | None, str | None]:
    """The release and period chosen for this run (for pages)."""
    release = st.session_state.get(RELEASE_KEY)
    period = st.session_state.get(PERIOD_KEY) if release is not None else None
    return release, period
