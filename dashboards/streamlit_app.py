"""Entry point of the e-Performance dashboards (``eperf serve`` runs
``streamlit run dashboards/streamlit_app.py``).

Shared frame for every page: page config, the language switch (Bahasa Indonesia by default), the
period filter in the sidebar, navigation over ``app_pages/`` and the page title.
"""

import streamlit as st

from dashboards.lib import data, filters
from dashboards.lib.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, t

st.set_page_config(page_title="e-Performance", page_icon=":material/monitoring:", layout="wide")

with st.sidebar:
    st.radio(
        t("language"),
        options=list(LANGUAGES),
        index=list(LANGUAGES).index(DEFAULT_LANGUAGE),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        horizontal=True,
    )

filters.period_filter(data.current_release())

page = st.navigation(
    {
        t("section_overview"): [
            st.Page(
                "app_pages/ringkasan.py",
                title=t("page_ringkasan"),
                icon=":material/dashboard:",
                default=True,
            )
        ]
    }
)
st.title(page.title)
page.run()
