"""The dashboard in a real browser: ``eperf serve`` on a free port over a small generated release
(simulator → ``eperf run`` → published Parquet), driven by the system Chromium, headless, through
Playwright. Signs in as the minister, walks ministry → eselon I → unit → employee in Telusuri by
clicking, opens the statement, downloads its PDF, then opens every page the MENTERI role has
(access.pages_for) and saves a 1280×900 screenshot of each (the server, the release and the
screenshot folder: conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboards.lib.access import Role, pages_for
from dashboards.lib.i18n import fmt_rupiah
from eperf.serving import current_release_dir
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, REPO, VIEWPORT
from tests.browser.pages import STEP_MS, open_page, screenshot, settled
from tests.dashboards.helpers import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _click_first_row(page, grid_index: int = 0) -> None:
    """Click the first data row of a st.dataframe (a canvas grid: by position)."""
    grid = page.get_by_test_id("stDataFrame").nth(grid_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)


def _unit_param(page) -> str | None:
    match = re.search(r"[?&]unit=([^&]+)", page.url)
    return match.group(1) if match else None


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
            settled(page)

            # ministry → eselon I → unit, one click per level
            open_page(page, "telusuri")
            assert _unit_param(page) == "KEMENSOS"
            visited = ["KEMENSOS"]
            for _level in ("eselon I", "unit"):
                _click_first_row(page)
                page.wait_for_function(
                    f"() => !location.search.includes('unit={visited[-1]}&')"
                    f" && !location.search.endsWith('unit={visited[-1]}')",
                    timeout=STEP_MS,
                )
                settled(page)
                visited.append(_unit_param(page))
            assert len(set(visited)) == 3, visited
            crumbs = page.get_by_test_id("stHorizontalBlock").first.inner_text()
            assert "Kementerian Sosial" in crumbs
            screenshot(page, screenshot_dir / "telusuri.png")

            # → employee: pick the first one of the unit and open the statement
            picker = page.get_by_test_id("stSelectbox").filter(has_text="Pegawai")
            picker.get_by_role("combobox").click()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            settled(page)
            page.get_by_role("button", name="Lihat slip").click()
            page.wait_for_url(re.compile(r"/pegawai\?.*nip=\d{18}"))
            settled(page)
            nip = re.search(r"nip=(\d{18})", page.url).group(1)
            period = re.search(r"period=(\d{4}-\d{2})", page.url).group(1)
            row = monthly[(monthly["nip"] == nip) & (monthly["period"] == period)].iloc[0]
            assert row["unit_id"] == visited[-1]
            net = fmt_rupiah(float(row["tukin_net_idr"]), "id")
            page.get_by_text(net).first.wait_for()
            screenshot(page, screenshot_dir / "pegawai.png")
            with page.expect_download() as download:
                page.get_by_role("button", name="Unduh slip (PDF)").click()
            document = Path(download.value.path()).read_bytes()
            assert document.startswith(b"%PDF-")
            assert net in pdf_text(document)
            assert download.value.suggested_filename == f"slip-tukin-{nip}-{period}.pdf"

            # every page of the role, screenshot each
            landing = pages_for(Role.MENTERI)[0]
            for page_id in pages_for(Role.MENTERI):
                if page_id.value in ("telusuri", "pegawai"):
                    continue
                open_page(page, "" if page_id == landing else page_id.value)
                assert not page.get_by_test_id("stException").count(), page_id
                screenshot(page, screenshot_dir / f"{page_id.value}.png")
        except Exception:
            page.screenshot(path=str(screenshot_dir / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    saved = {p.stem for p in screenshot_dir.glob("*.png")}
    assert saved >= {p.value for p in pages_for(Role.MENTERI)}
