"""The shared sidebar filter (period) and the selection every page reads from session state."""

from __future__ import annotations

import streamlit as st

from dashboards.lib import data
from dashboards.lib.i18n import t

RELEASE_KEY = "release"  # the data.Release resolved once per run by streamlit_app.py
PERIOD_KEY = "period"  # the period selectbox


def period_filter(release: data.Release | None) -> str | None:
    """Render the period selector in the sidebar (newest first, so the latest is the default).

    Stores the release for the pages; returns the selected period, None when nothing is published.
    """
    st.session_state[RELEASE_KEY] = release
    if release is None:
        return None
    summary = data.period_summary(release.serving_dir, release.release_id)
    periods = sorted(summary["period"].dropna().tolist(), reverse=True)
    if not periods:
        return None
    return st.sidebar.selectbox(t("period"), options=periods, key=PERIOD_KEY)


def selection() -> tuple[data.Release | None, str | None]:
    """The release and period chosen for this run (for pages)."""
    release = st.session_state.get(RELEASE_KEY)
    period = st.session_state.get(PERIOD_KEY) if release is not None else None
    return release, period
