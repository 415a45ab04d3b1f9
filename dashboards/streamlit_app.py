"""Entry point of the e-Performance dashboards (``eperf serve`` runs
``streamlit run dashboards/streamlit_app.py``).

Shared frame for every page: page config, the language switch (Bahasa Indonesia by default), the
sign-in gate, the period filter in the sidebar, navigation over the pages of the signed-in
role only (dashboards.lib.access.ROLE_PAGES) and the page title. Before sign-in the only page
is the sign-in form and nothing is read from the release.
"""

import streamlit as st

from dashboards.lib import auth, data, filters
from dashboards.lib.access import PageId, pages_for
from dashboards.lib.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, t

st.set_page_config(page_title="e-Performance", page_icon=":material/monitoring:", layout="wide")

PAGES = {
    PageId.RINGKASAN: ("app_pages/ringkasan.py", "page_ringkasan", ":material/dashboard:"),
    PageId.TELUSURI: ("app_pages/telusuri.py", "page_telusuri", ":material/account_tree:"),
    PageId.PEGAWAI: ("app_pages/pegawai.py", "page_pegawai", ":material/badge:"),
    PageId.TIM: ("app_pages/tim.py", "page_tim", ":material/assignment_ind:"),
    PageId.KUALITAS: ("app_pages/kualitas.py", "page_kualitas", ":material/fact_check:"),
    # --- leadership pages ---
    PageId.KEDISIPLINAN: ("app_pages/kedisiplinan.py", "page_kedisiplinan", ":material/schedule:"),
    PageId.KINERJA: ("app_pages/kinerja.py", "page_kinerja", ":material/trending_up:"),
    PageId.BEBAN_KERJA: ("app_pages/beban_kerja.py", "page_beban_kerja", ":material/groups:"),
    PageId.PROMOSI: ("app_pages/promosi.py", "page_promosi", ":material/military_tech:"),
    PageId.INDIKATOR_RB: (
        "app_pages/indikator_rb.py",
        "page_indikator_rb",
        ":material/assessment:",
    ),
}
# --- Output & Anggaran and Pengembangan ---
PAGES |= {
    PageId.OUTPUT_ANGGARAN: ("app_pages/output.py", "page_output", ":material/savings:"),
    PageId.PENGEMBANGAN: ("app_pages/pengembangan.py", "page_pengembangan", ":material/grid_view:"),
}
# Pages that take ``?unit=`` themselves: a link to them stays there after sign-in.
OWN_UNIT_PARAM_PAGES = (PageId.OUTPUT_ANGGARAN, PageId.PENGEMBANGAN, PageId.TIM)
# Where a link opened before sign-in lands, by the query param it carries.
LANDING_BY_PARAM = (("nip", PageId.PEGAWAI), ("unit", PageId.TELUSURI))


def _page(page_id: PageId, default: bool) -> st.Page:
    path, title_key, icon = PAGES[page_id]
    return st.Page(path, title=t(title_key), icon=icon, default=default)


def _landing(current: st.Page, pages: dict[PageId, st.Page]) -> None:
    """After sign-in, open the page a link to the app's root pointed at by its query params
    (``/?unit=…`` → Telusuri), if the role has it; a link to the page itself is already there."""
    params = auth.take_pending_params()
    if any(current.url_path == pages[p].url_path for p in OWN_UNIT_PARAM_PAGES if p in pages):
        return  # these pages read ?unit= themselves
    for param, page_id in LANDING_BY_PARAM:
        if param in params and page_id in pages:
            if pages[page_id].url_path != current.url_path:
                st.switch_page(pages[page_id], query_params=params)
            return


def _sign_in_pages() -> list[st.Page]:
    """Before sign-in every page's address shows the sign-in form, so a shared link such as
    ``/telusuri?unit=…`` is kept (no "page not found") and opens once signed in."""
    pages = [st.Page(auth.sign_in_page, title=t("sign_in_title"), url_path="masuk", default=True)]
    for page_id in PAGES:

        def sign_in_here() -> None:
            auth.sign_in_page()

        sign_in_here.__name__ = f"sign_in_{page_id.value}"
        pages.append(st.Page(sign_in_here, title=t("sign_in_title"), url_path=page_id.value))
    return pages


with st.sidebar:
    st.radio(
        t("language"),
        options=list(LANGUAGES),
        index=list(LANGUAGES).index(DEFAULT_LANGUAGE),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        horizontal=True,
    )


session = auth.current_session()
if session is None:
    page = st.navigation(_sign_in_pages(), position="hidden")
else:
    auth.account_sidebar(session)
    filters.period_filter(data.current_release(), session.scope)
    role_pages = {
        page_id: _page(page_id, default=index == 0)
        for index, page_id in enumerate(pages_for(session.user.role))
    }
    page = st.navigation({t("section_overview"): list(role_pages.values())})
    if auth.PENDING_PARAMS_KEY in st.session_state:
        _landing(page, role_pages)
st.title(page.title)
page.run()
