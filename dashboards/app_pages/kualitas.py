"""Kualitas data — what the current release holds: when and by which run it was published, the
rule set, the rows of each published mart and of each raw source table it was built from.
For ADMIN_DATA (and MENTERI); no business data, no personal data.

Source: the release manifest ``_release.json`` (eperf.serving.publish).
"""

import streamlit as st

from dashboards.lib import components, data, page
from dashboards.lib.access import PageId
from dashboards.lib.i18n import fmt_number, t


def render() -> None:
    context = page.open_page(PageId.KUALITAS, need_period=False)
    if context is None:
        return
    session, lang, release = context.session, context.lang, context.release
    marts, sources = data.release_quality(release, session.scope)
    with st.container(horizontal=True):
        st.metric(t("quality_release", lang), release.release_id, border=True)
        st.metric(t("quality_rule_set", lang), release.rule_set or "—", border=True)
        st.metric(t("quality_marts", lang), fmt_number(len(marts), lang), border=True)
    labels = {"table": t("quality_table", lang), "rows": t("quality_rows", lang)}
    for title_key, frame in (("quality_marts_title", marts), ("quality_sources_title", sources)):
        with st.container(border=True):
            st.subheader(t(title_key, lang))
            if frame.empty:
                st.caption(t("quality_none", lang))
            else:
                st.dataframe(frame.rename(columns=labels), hide_index=True, width="stretch")
    components.footer(release, lang)


render()
