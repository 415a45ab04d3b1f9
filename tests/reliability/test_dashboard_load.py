"""The dashboard under load and through its real HTTP surface: a real ``streamlit run`` on a
free loopback port, driven by headless Chromium (Playwright, the system Chromium).

* 20 concurrent signed-in sessions switch pages while a full ``eperf run`` publishes a new
  release: no error, every session moves to the new release; p50/p95 page times are printed
  (the same measurement as ``eperf bench-load``).
* Every page URL opened without signing in, with tampered parameters, shows only the sign-in
  form.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eperf import serving
from eperf.bench.load import CHROMIUM_ARGS, chromium, free_port, run_load, streamlit_server
from eperf.config import REPO_ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(chromium()).exists(), reason="needs the system Chromium"),
]


def _copy(tiny_pipeline, root: Path) -> dict[str, str]:
    data = root / "data"
    shutil.copytree(tiny_pipeline.settings.data_dir, data, ignore=shutil.ignore_patterns("*.lock"))
    (root / "dagster_home").mkdir()
    return {
        **tiny_pipeline.env,
        "EPERF_DATA_DIR": str(data),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }


def test_twenty_sessions_while_a_run_publishes(tiny_pipeline, tmp_path: Path) -> None:
    env = _copy(tiny_pipeline, tmp_path)
    before = serving.current_release_dir(Path(env["EPERF_DATA_DIR"]) / "serving").name

    def full_run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "eperf.cli", "run"],
            env={**env}, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return serving.current_release_dir(Path(env["EPERF_DATA_DIR"]) / "serving").name

    result = run_load(
        {**os.environ, **env}, sessions=20, seconds=30, publish=full_run, workdir=tmp_path / "load"
    )
    figures = result.summary()
    print("\nLOAD", json.dumps(figures))
    (tmp_path / "load" / "figures.json").write_text(json.dumps(figures, indent=2))
    assert result.errors == []
    assert len(result.sign_in_times) == 20  # every session signed in
    assert len(result.page_times) >= 20
    after = result.publications[0]
    assert after != before
    assert {before, after} <= result.releases_seen  # served the old one, then the new one


PAGE_URLS = [
    "/",
    "/ringkasan?period=2025-01",
    "/telusuri?unit=DIT-A&period=2025-01' OR 1=1 --",
    "/pegawai?nip=199001012015011001&period=2025-01",
    "/kualitas",
    "/telusuri?unit=%25",
]


def test_every_page_url_without_sign_in_shows_only_the_form(tiny_pipeline, tmp_path: Path):
    env = _copy(tiny_pipeline, tmp_path)
    from dashboards.lib import users
    from dashboards.lib.access import Role

    users_file = tmp_path / "users.toml"
    users.add_user(users_file, "menteri", Role.MENTERI, "rahasia-panjang", rounds=4)
    server_env = {**os.environ, **env, "EPERF_USERS_FILE": str(users_file)}
    with streamlit_server(server_env, free_port(), tmp_path / "streamlit.log") as url:
        seen = asyncio.run(_visit_unauthenticated(url))
    for path, (headings, text, data_elements) in seen.items():
        assert headings == ["Masuk"], path
        assert data_elements == 0, path
        assert "Rp" not in text and "DIT-A" not in text, path


async def _visit_unauthenticated(url: str) -> dict[str, tuple[list[str], str, int]]:
    from playwright.async_api import async_playwright

    seen = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            for path in PAGE_URLS:
                context = await browser.new_context()
                page = await context.new_page()
                await page.goto(url + path, timeout=120_000)
                await page.get_by_label("Nama pengguna").wait_for(timeout=120_000)
                await page.locator('[data-test-script-state="notRunning"]').wait_for(
                    timeout=120_000
                )
                headings = await page.locator("h1").all_inner_texts()
                data_elements = await page.locator(
                    '[data-testid="stDataFrame"], [data-testid="stMetric"], '
                    '[data-testid="stPlotlyChart"]'
                ).count()
                seen[path] = (
                    [h.strip() for h in headings],
                    await page.locator("body").inner_text(),
                    data_elements,
                )
                await context.close()
        finally:
            await browser.close()
    return seen
