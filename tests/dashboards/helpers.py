"""Drive the whole app with AppTest: sign in, and read everything a page rendered."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from tests.dashboards.conftest import EMPLOYEES, password_of

APP = Path(__file__).resolve().parents[2] / "dashboards" / "streamlit_app.py"
TIMEOUT_SECONDS = 30
PAGE_FILES = {
    "ringkasan": "app_pages/ringkasan.py",
    "telusuri": "app_pages/telusuri.py",
    "pegawai": "app_pages/pegawai.py",
    "tim": "app_pages/tim.py",
    "kualitas": "app_pages/kualitas.py",
    # --- leadership pages ---
    "kedisiplinan": "app_pages/kedisiplinan.py",
    "kinerja": "app_pages/kinerja.py",
    "beban_kerja": "app_pages/beban_kerja.py",
    "promosi": "app_pages/promosi.py",
    "indikator_rb": "app_pages/indikator_rb.py",
    "output": "app_pages/output.py",
    "pengembangan": "app_pages/pengembangan.py",
}


def new_app(query_params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_SECONDS)
    at.query_params.update(query_params or {})
    return at


def submit_login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def sign_in(username: str, query_params: dict[str, str] | None = None) -> AppTest:
    """A fresh session signed in as ``username`` (see conftest.ACCOUNTS)."""
    at = new_app(query_params).run()
    assert not at.exception, at.exception
    submit_login(at, username, password_of(username))
    assert not at.exception, at.exception
    assert at.session_state["auth_username"] == username
    return at


def open_page(at: AppTest, page: str, query_params: dict[str, str] | None = None) -> AppTest:
    at.switch_page(PAGE_FILES[page])
    at.query_params.clear()
    at.query_params.update(query_params or {})
    return at.run()


def _texts(node: object) -> list[str]:
    if isinstance(node, Block):
        texts = [str(node.proto)] if node.proto is not None else []
        for child in node.children.values():
            texts += _texts(child)
        return texts
    if getattr(node, "type", None) == "dataframe":
        return [node.value.to_csv(), str(node.proto)]
    return [str(getattr(node, "proto", ""))]


def rendered_text(at: AppTest) -> str:
    """Everything the run rendered, main area and sidebar: element protos (labels, markdown,
    options, chart specs) and every dataframe's values."""
    return "\n".join(_texts(at.main) + _texts(at.sidebar))


def personal_data_in(at: AppTest, keys: str = "ABCDEFGH") -> list[str]:
    """The fixture NIPs and names (of the given employees) that appear anywhere on the page."""
    text = rendered_text(at)
    found = []
    for key in keys:
        nip, name = EMPLOYEES[key]
        found += [value for value in (nip, name) if value in text]
    return found


def titles(at: AppTest) -> list[str]:
    return [element.value for element in at.title]


def pdf_text(document: bytes) -> str:
    """The text of every page of a PDF as a reader copies it (the statement's font is embedded:
    the file holds glyph ids), on one line: a cell's wrapped lines read as one sentence."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    return " ".join(text.split())


def built_statements(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict, object, bytes]]:
    """Record every statement PDF the pages build: (month, lines, document) each, in order."""
    from dashboards.lib import pdf

    built: list[tuple[dict, object, bytes]] = []
    original = pdf.statement_pdf

    def spy(month, lines, lang, footer="", compress=True, **words):
        document = original(month, lines, lang, footer, compress, **words)
        built.append((month, lines, document))
        return document

    monkeypatch.setattr(pdf, "statement_pdf", spy)
    return built
