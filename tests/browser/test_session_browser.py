"""The session cookie in a real browser: ``eperf serve`` over the small fake release of the
dashboard tests, driven by the system Chromium (headless, Playwright). A signed-in user stays
signed in across a reload and in a new tab of the same browser; sign-out clears the cookie and
signs the other tab out; a browser without the cookie is not signed in."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from dashboards.lib.session_cookie import COOKIE_NAME
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serving
from tests.dashboards.conftest import password_of, write_release, write_users

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_MS = 30_000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a dashboard serving the fake release with the test accounts."""
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium (apt-get install -y chromium chromium-driver)")
    root = tmp_path_factory.mktemp("sessions")
    write_release(root / "serving")
    users_file = write_users(root / "users.toml")
    env = {
        **os.environ,
        "EPERF_DATA_DIR": str(root / "data"),
        "EPERF_SERVING_DIR": str(root / "serving"),
        "EPERF_USERS_FILE": str(users_file),
    }
    env.pop("EPERF_DEMO_LOGIN", None)
    with serving(env) as base:
        yield base


def _settled(page) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=STEP_MS,
    )


def _heading(page, name: str) -> None:
    page.get_by_role("heading", name=name, exact=True).first.wait_for(timeout=STEP_MS)
    _settled(page)


def _session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == COOKIE_NAME), None)


def _wait_for_cookie(page, present: bool) -> None:
    test = "!== -1" if present else "=== -1"
    page.wait_for_function(
        f"() => document.cookie.indexOf('{COOKIE_NAME}=') {test}", timeout=STEP_MS
    )


def test_session_survives_a_reload_and_a_new_tab_until_sign_out(base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.set_default_timeout(STEP_MS)
            page = context.new_page()
            page.goto(base_url)
            page.get_by_label("Nama pengguna").fill("menteri")
            page.get_by_label("Kata sandi").fill(password_of("menteri"))
            page.get_by_role("button", name="Masuk").click()
            _heading(page, "Ringkasan")
            _wait_for_cookie(page, present=True)
            cookie = _session_cookie(context)
            assert cookie is not None and cookie["sameSite"] == "Strict"
            assert cookie["path"] == "/" and cookie["expires"] > time.time()

            page.reload()  # a refresh: a new Streamlit session, signed in from the cookie
            _heading(page, "Ringkasan")
            assert page.get_by_label("Nama pengguna").count() == 0

            tab = context.new_page()  # a link opened in a new tab
            tab.goto(f"{base_url}/telusuri?unit=KEMENSOS")
            _heading(tab, "Telusuri")
            assert tab.get_by_label("Nama pengguna").count() == 0

            other = browser.new_context().new_page()  # another browser: no cookie
            other.goto(base_url)
            other.get_by_label("Nama pengguna").wait_for(timeout=STEP_MS)
            other.context.close()

            page.get_by_role("button", name="Keluar").click()
            page.get_by_text("Anda telah keluar.").wait_for(timeout=STEP_MS)
            _wait_for_cookie(page, present=False)
            assert _session_cookie(context) is None
            page.reload()
            page.get_by_label("Nama pengguna").wait_for(timeout=STEP_MS)

            # The other tab is signed out at its next interaction (the session id is revoked).
            tab.locator('[data-testid="stSidebarNav"] a').first.click()
            tab.get_by_label("Nama pengguna").wait_for(timeout=STEP_MS)
        finally:
            browser.close()
