"""Browser walk-through of the Output & Anggaran and Pengembangan pages: a real
Streamlit server on a free local port over the fake release, driven by headless Chromium; each
page is screenshotted (into EPERF_SCREENSHOT_DIR if set, else the test's tmp folder)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from eperf.serving import RELEASES
from tests.browser.conftest import CHROMIUM_ARGS
from tests.dashboards.conftest import EMPLOYEES, RELEASE_ID, password_of
from tests.dashboards.outputs_release import add_output_marts

APP = Path(__file__).resolve().parents[2] / "dashboards" / "streamlit_app.py"
CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(serving_dir: Path, users_file: Path, tmp_path: Path):
    """Streamlit on 127.0.0.1 and a free port, stopped (by its pid) after the test."""
    add_output_marts(serving_dir / RELEASES / RELEASE_ID)
    port = _free_port()
    env = {
        **os.environ,
        "EPERF_SERVING_DIR": str(serving_dir),
        "EPERF_USERS_FILE": str(users_file),
        "EPERF_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("streamlit did not start") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password_of(username))
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Output & Anggaran").wait_for(timeout=30_000)


def _open(page, name: str, expect: str, shots: Path, file: str) -> str:
    page.get_by_role("link", name=name).click()
    # A table's cells are drawn on a canvas; their accessible copies are in the DOM but hidden.
    page.get_by_text(expect).first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(2000)  # let the charts and tables draw
    page.screenshot(path=str(shots / file), full_page=True)
    return page.content()  # the HTML, with the tables' accessible cells


@pytest.mark.parametrize(("username", "personal"), [("menteri", True), ("perencana-setjen", False)])
def test_walk_through_both_pages(server: str, tmp_path: Path, username: str, personal: bool):
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("EPERF_SCREENSHOT_DIR", tmp_path / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            _sign_in(page, server, username)
            output = _open(page, "Output & Anggaran", "OUT-ARSIP", shots, f"output_{username}.png")
            assert "Output tertinggal" in output and "TERTINGGAL" in output
            development = _open(
                page, "Pengembangan", "Rekomendasi", shots, f"pengembangan_{username}.png"
            )
        finally:
            browser.close()
    assert (shots / f"output_{username}.png").stat().st_size > 10_000
    names = [name for _, name in EMPLOYEES.values() if name in output + development]
    if personal:
        assert "Pegawai dalam satu kotak" in development
        assert names  # the first cell's employee list is shown
    else:
        assert "Daftar pegawai hanya untuk peran" in development
        assert names == []


def test_link_to_a_unit_opens_the_page_after_sign_in(server: str, tmp_path: Path):
    """``/output?unit=BIRO_UMUM`` opened before sign-in shows that page and unit once signed in
    (not the Telusuri page the root's ``?unit=`` leads to)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server}/output?unit=BIRO_UMUM")
            page.get_by_label("Nama pengguna").fill("pimpinan-setjen")
            page.get_by_label("Kata sandi").fill(password_of("pimpinan-setjen"))
            page.get_by_role("button", name="Masuk").click()
            page.get_by_text("Output tertinggal").first.wait_for(timeout=30_000)
            assert page.url.startswith(f"{server}/output")
            assert "unit=BIRO_UMUM" in page.url
            assert page.get_by_role("heading", name="Output & Anggaran").is_visible()
        finally:
            browser.close()
