"""Load benchmark of the dashboard: N concurrent signed-in browser sessions (headless Chromium
through Playwright) against a real ``streamlit run`` on a free loopback port, while the
pipeline publishes a new release.

Each session signs in, then switches between Ringkasan and Telusuri through the sidebar until
the time is up. A page time is from the click to the moment the new page's title is shown and
the script run has finished (``data-test-script-state="notRunning"``). An error is an exception
box, an error alert, a lost connection or a Playwright timeout. The release id in each page's
footer shows when sessions moved to the new release.

Used by ``eperf bench-load`` and tests/reliability/test_dashboard_load.py.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from eperf.config import REPO_ROOT, Settings

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
PAGES_PER_CONTEXT = 5
PAGE_TIMEOUT_MS = 120_000
LOOP_PAGES = ("Telusuri", "Ringkasan")
RELEASE_IN_FOOTER = re.compile(r"Rilis (\S+) ·")
BENCH_USER = "bench-menteri"


@dataclass
class LoadResult:
    """Page times (seconds) and errors of one load run."""

    sessions: int
    seconds: float
    sign_in_times: list[float] = field(default_factory=list)
    page_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    releases_seen: set[str] = field(default_factory=set)
    publications: list[str] = field(default_factory=list)

    def percentile(self, q: float) -> float | None:
        if not self.page_times:
            return None
        if len(self.page_times) == 1:
            return self.page_times[0]
        return statistics.quantiles(self.page_times, n=100, method="inclusive")[int(q) - 1]

    def summary(self) -> dict:
        return {
            "sessions": self.sessions,
            "seconds": round(self.seconds, 1),
            "page_loads": len(self.page_times),
            "errors": len(self.errors),
            "p50_s": _round(self.percentile(50)),
            "p95_s": _round(self.percentile(95)),
            "max_s": _round(max(self.page_times, default=None)),
            "sign_in_p50_s": _round(
                statistics.median(self.sign_in_times) if self.sign_in_times else None
            ),
            "releases_seen": sorted(self.releases_seen),
            "publications": self.publications,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def chromium() -> str:
    """The browser the sessions run in: ``EPERF_CHROMIUM`` (default ``/usr/bin/chromium``)."""
    return Settings.from_env().chromium


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_users_file(folder: Path, password: str) -> Path:
    """A users file with one MENTERI account for the benchmark (cheap bcrypt: benchmark only)."""
    from dashboards.lib import users
    from dashboards.lib.access import Role

    path = folder / "bench_users.toml"
    users.add_user(path, BENCH_USER, Role.MENTERI, password, rounds=4)
    return path


@contextmanager
def streamlit_server(env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    """``streamlit run`` the dashboard on 127.0.0.1:port; yields its URL; stops it after."""
    command = [
        sys.executable, "-m", "streamlit", "run",
        str(REPO_ROOT / "dashboards" / "streamlit_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def _wait_idle(page, title: str) -> None:
    await page.get_by_role("heading", name=title, level=1).wait_for(timeout=PAGE_TIMEOUT_MS)
    await page.locator('[data-test-script-state="notRunning"]').wait_for(timeout=PAGE_TIMEOUT_MS)


async def _problems(page) -> list[str]:
    """Exception boxes and error alerts on the page now. Texts are read in one evaluation
    (``all_inner_texts`` does not wait): a count followed by a read raced a rerun that
    detached the element, and the read then waited out Playwright's 30 s default."""
    found = []
    for testid, label in (
        ("stException", "exception"),
        ("stAlertContentError", "error alert"),
    ):
        texts = await page.locator(f'[data-testid="{testid}"]').all_inner_texts()
        if texts:
            found.append(f"{label}: {texts[0][:200]}")
    return found


async def _release_shown(page) -> str | None:
    """The release id in the page footer, or None if no footer is shown (read without waiting,
    as in ``_problems``)."""
    for text in await page.get_by_text(RELEASE_IN_FOOTER).all_inner_texts():
        match = RELEASE_IN_FOOTER.search(text)
        if match:
            return match.group(1)
    return None


async def _session(context, url: str, password: str, done: Callable[[], bool], result: LoadResult):
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=PAGE_TIMEOUT_MS)
        await page.get_by_label("Nama pengguna").fill(BENCH_USER, timeout=PAGE_TIMEOUT_MS)
        await page.get_by_label("Kata sandi").fill(password)
        await page.get_by_role("button", name="Masuk").click()
        await _wait_idle(page, "Ringkasan")
        result.sign_in_times.append(time.perf_counter() - started)
        turn = 0
        while not done():
            title = LOOP_PAGES[turn % len(LOOP_PAGES)]
            turn += 1
            link = page.locator('[data-testid="stSidebarNavLink"]', has_text=title)
            started = time.perf_counter()
            await link.first.click(timeout=PAGE_TIMEOUT_MS)
            await _wait_idle(page, title)
            result.page_times.append(time.perf_counter() - started)
            result.errors += await _problems(page)
            release = await _release_shown(page)
            if release:
                result.releases_seen.add(release)
    except Exception as error:  # a timeout or a crashed page is an error of the run
        result.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
    finally:
        await page.close()


async def _drive(url: str, password: str, sessions: int, done: Callable[[], bool], result):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            contexts = [
                await browser.new_context()
                for _ in range(-(-sessions // PAGES_PER_CONTEXT))  # ceil
            ]
            await asyncio.gather(
                *(
                    _session(contexts[i // PAGES_PER_CONTEXT], url, password, done, result)
                    for i in range(sessions)
                )
            )
        finally:
            await browser.close()


def run_load(
    env: dict[str, str],
    sessions: int = 20,
    seconds: float = 60.0,
    publish: Callable[[], str] | None = None,
    publish_after: float = 5.0,
    workdir: Path | None = None,
    tail_seconds: float = 15.0,
) -> LoadResult:
    """Serve the dashboard for the release at ``EPERF_SERVING_DIR`` (in ``env``) and drive
    ``sessions`` browser sessions for ``seconds``; ``publish`` (run in a thread after
    ``publish_after`` seconds) publishes a new release meanwhile and returns its description.
    The sessions go on until the publication has finished and ``tail_seconds`` more have
    passed, so they are measured across the switch to the new release."""
    folder = Path(workdir or tempfile.mkdtemp(prefix="eperf-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    password = "bench-" + os.urandom(6).hex()
    server_env = {
        **env,
        "EPERF_USERS_FILE": str(bench_users_file(folder, password)),
        "EPERF_DEMO_LOGIN": "0",
    }
    result = LoadResult(sessions=sessions, seconds=seconds)
    publisher = None
    published_at: list[float] = []
    if publish is not None:

        def publish_later() -> None:
            time.sleep(publish_after)
            try:
                result.publications.append(publish())
            except Exception as error:
                result.errors.append(f"publication failed: {error}")
            published_at.append(time.monotonic())

        publisher = threading.Thread(target=publish_later, daemon=True)
    with streamlit_server(server_env, free_port(), folder / "streamlit.log") as url:
        if publisher:
            publisher.start()
        started = time.perf_counter()
        deadline = time.monotonic() + seconds

        def done() -> bool:
            if time.monotonic() < deadline:
                return False
            if publisher is None:
                return True
            return bool(published_at) and time.monotonic() > published_at[0] + tail_seconds

        asyncio.run(_drive(url, password, sessions, done, result))
        result.seconds = time.perf_counter() - started
        if publisher:
            publisher.join(timeout=900)
    return result
