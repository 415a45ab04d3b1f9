"""The unit selector of the Output & Anggaran, Pengembangan and Tim saya pages.

The unit comes from ``?unit=`` (a shared link) or the selector, and is checked against the
scope in SQL (org.unit_info): a unit outside the scope, unknown, or any other text shows the
access-denied message and the page shows no data.
"""

from __future__ import annotations

import streamlit as st

from dashboards.lib import data
from dashboards.lib.access import Scope
from dashboards.lib.data import org
from dashboards.lib.i18n import t

UNIT_PARAM = "unit"
MAX_PARAM_CHARS = 64


def selected_unit(release: data.Release, scope: Scope, lang: str, key: str) -> str | None:
    """The unit the page shows (default: the top of the scope), or None after a denial."""
    requested = st.query_params.get(UNIT_PARAM)
    if requested is not None:
        inside = (
            len(requested) <= MAX_PARAM_CHARS and not org.unit_info(release, scope, requested).empty
        )
        if not inside:
            st.error(t("unit_denied", lang), icon=":material/block:")
            return None
    choices = org.scope_unit_choices(release, scope)
    if choices.empty:
        st.info(t("no_data_in_scope", lang), icon=":material/info:")
        return None
    names = dict(
        zip(choices["unit_id"], choices["unit_name"].fillna(choices["unit_id"]), strict=True)
    )
    depths = dict(zip(choices["unit_id"], choices["depth"].fillna(0).astype(int), strict=True))
    options = list(names)
    default = (
        requested if requested in names else str(org.scope_tops(release, scope)["unit_id"].iloc[0])
    )
    unit_id = st.selectbox(
        t("choose_unit", lang),
        options=options,
        index=options.index(default),
        format_func=lambda u: "\u2003" * depths[u] + names[u],
        key=f"{key}_{default}",
    )
    # The key names the unit of the URL, so a new ?unit= starts a fresh selector on that unit.
    st.query_params[UNIT_PARAM] = unit_id
    return unit_id
