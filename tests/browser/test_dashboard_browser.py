"""The dashboard in a real browser: ``eperf serve`` on a free port over a small generated release
(simulator → ``eperf run`` → published Parquet), driven by the system Chromium, headless, through
Playwright. Signs in as the minister, walks ministry → eselon I → unit → employee in Telusuri by
clicking, opens the statement, downloads its PDF, then opens every page the MENTERI role has
(access.pages_for) and saves a 1280×800 screenshot of each.

Screenshots go to ``EPERF_SCREENSHOT_DIR`` (``make screenshots`` sets docs/screenshots), else to
the test's tmp folder. ``EPERF_BROWSER_DATA_DIR`` names a data dir with a published release to
serve instead of generating one (to iterate on this test).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from dashboards.lib.access import Role, pages_for
from dashboards.lib.i18n import fmt_rupiah
from eperf.serving import current_release_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
EMPLOYEES, MONTHS = 150, 2
STARTUP_SECONDS = 60
STEP_MS = 30_000
REUSE_ENV = "EPERF_BROWSER_DATA_DIR"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _eperf(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "eperf.cli", *args], env=env, check=True, cwd=REPO)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, data dir) of a dashboard serving a freshly generated and published release."""
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium (apt-get install -y chromium chromium-driver)")
    reused = os.environ.get(REUSE_ENV)  # a data dir already published (to iterate on the test)
    data_dir = Path(reused) if reused else tmp_path_factory.mktemp("browser") / "data"
    env = {**os.environ, "EPERF_DATA_DIR": str(data_dir), "EPERF_DEMO_LOGIN": "1"}
    for name in ("EPERF_SERVING_DIR", "EPERF_USERS_FILE", "EPERF_WAREHOUSE", "DAGSTER_HOME"):
        env.pop(name, None)
    if not reused:
        _eperf("demo-data", "--employees", str(EMPLOYEES), "--months", str(MONTHS), env=env)
        _eperf("run", env=env)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eperf.cli", "serve", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, "eperf serve exited"
            assert time.monotonic() < deadline, "eperf serve did not start"
            time.sleep(0.5)
        yield base, data_dir
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EPERF_SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _settled(page) -> None:
    """Wait until Streamlit has finished the script run and the charts are drawn."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=STEP_MS,
    )
    page.wait_for_timeout(1000)  # Plotly draws after the run


def _screenshot(page, path: Path) -> None:
    """The top of the page, as a user first sees it."""
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


def _click_first_row(page, grid_index: int = 0) -> None:
    """Click the first data row of a st.dataframe (a canvas grid: by position)."""
    grid = page.get_by_test_id("stDataFrame").nth(grid_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)


def _unit_param(page) -> str | None:
    match = re.search(r"[?&]unit=([^&]+)", page.url)
    return match.group(1) if match else None


def _pdf_text(document: bytes) -> str:
    """The page text of a PDF whose content streams are Flate-compressed (fpdf2)."""
    texts = [document.decode("latin-1")]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", document, flags=re.S):
        try:
            texts.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(texts)


def _open_page(page, url_path: str) -> None:
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
    _settled(page)


def test_minister_walks_to_an_employee_and_every_page(served, screenshot_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    base, data_dir = served
    release_dir = current_release_dir(data_dir / "serving")
    monthly = pd.read_parquet(release_dir / "fct_employee_monthly.parquet")
    for page_id in pages_for(Role.MENTERI):  # each page's URL path is its file's name
        assert (REPO / "dashboards" / "app_pages" / f"{page_id.value}.py").exists(), page_id
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=VIEWPORT, accept_downloads=True).new_page()
            page.set_default_timeout(STEP_MS)
            page.goto(base)
            page.get_by_label("Nama pengguna").fill("menteri")
            page.get_by_label("Kata sandi").fill("menteri")
            page.get_by_role("button", name="Masuk").click()
            page.get_by_role("heading", name="Ringkasan", exact=True).wait_for()
            _settled(page)

            # ministry → eselon I → unit, one click per level
            _open_page(page, "telusuri")
            assert _unit_param(page) == "KEMENSOS"
            visited = ["KEMENSOS"]
            for _level in ("eselon I", "unit"):
                _click_first_row(page)
                page.wait_for_function(
                    f"() => !location.search.includes('unit={visited[-1]}&')"
                    f" && !location.search.endsWith('unit={visited[-1]}')",
                    timeout=STEP_MS,
                )
                _settled(page)
                visited.append(_unit_param(page))
            assert len(set(visited)) == 3, visited
            crumbs = page.get_by_test_id("stHorizontalBlock").first.inner_text()
            assert "Kementerian Sosial" in crumbs
            _screenshot(page, screenshot_dir / "telusuri.png")

            # → employee: pick the first one of the unit and open the statement
            picker = page.get_by_test_id("stSelectbox").filter(has_text="Pegawai")
            picker.get_by_role("combobox").click()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            _settled(page)
            page.get_by_role("button", name="Lihat slip").click()
            page.wait_for_url(re.compile(r"/pegawai\?.*nip=\d{18}"))
            _settled(page)
            nip = re.search(r"nip=(\d{18})", page.url).group(1)
            period = re.search(r"period=(\d{4}-\d{2})", page.url).group(1)
            row = monthly[(monthly["nip"] == nip) & (monthly["period"] == period)].iloc[0]
            assert row["unit_id"] == visited[-1]
            net = fmt_rupiah(float(row["tukin_net_idr"]), "id")
            page.get_by_text(net).first.wait_for()
            _screenshot(page, screenshot_dir / "pegawai.png")
            with page.expect_download() as download:
                page.get_by_role("button", name="Unduh slip (PDF)").click()
            document = Path(download.value.path()).read_bytes()
            assert document.startswith(b"%PDF-")
            assert net in _pdf_text(document)
            assert download.value.suggested_filename == f"slip-tukin-{nip}-{period}.pdf"

            # every page of the role, screenshot each
            landing = pages_for(Role.MENTERI)[0]
            for page_id in pages_for(Role.MENTERI):
                if page_id.value in ("telusuri", "pegawai"):
                    continue
                _open_page(page, "" if page_id == landing else page_id.value)
                assert not page.get_by_test_id("stException").count(), page_id
                _screenshot(page, screenshot_dir / f"{page_id.value}.png")
        except Exception:
            page.screenshot(path=str(screenshot_dir / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    saved = {p.stem for p in screenshot_dir.glob("*.png")}
    assert saved >= {p.value for p in pages_for(Role.MENTERI)}
