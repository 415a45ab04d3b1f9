"""Driving the dashboard in Playwright: wait for a run, open a page from the sidebar, sign in,
take the screenshot a user first sees."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

STEP_MS = 30_000


def settled(page) -> None:
    """Wait until Streamlit has finished the script run and the charts are drawn."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=STEP_MS,
    )
    page.wait_for_timeout(1000)  # Plotly draws after the run


def screenshot(page, path: Path) -> None:
    """The top of the page, as a user first sees it."""
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


def open_page(page, url_path: str) -> None:
    """Open a page through the sidebar navigation (a new URL would be a new, signed-out
    session) and wait for its title, which is the link's text. ``url_path`` "" is the role's
    landing page."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    index = next(i for i, h in enumerate(hrefs) if urlparse(h).path.strip("/") == url_path)
    link = links.nth(index)
    title = link.inner_text().strip().splitlines()[-1].strip()  # after the icon's name
    link.click()
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=STEP_MS)
    settled(page)


def sign_in(page, base: str, username: str) -> None:
    """Sign in with a demo account (the password is the username) and wait for the landing
    page to finish its run."""
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(username)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name="Masuk").wait_for(state="detached", timeout=STEP_MS)
    settled(page)
