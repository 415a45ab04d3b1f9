"""Fixtures of the browser tests: a dashboard serving a freshly generated and published demo
release (simulator → ``eperf run`` → published Parquet, about two and a half minutes), shared
by every browser test of the session, and the folder screenshots go to.

Screenshots go to ``EPERF_SCREENSHOT_DIR`` (``make screenshots`` sets docs/screenshots), else to
the test's tmp folder. ``EPERF_BROWSER_DATA_DIR`` names a data dir with a published release to
serve instead of generating one (to iterate on the tests).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eperf.bench.load import CHROMIUM_ARGS as LOAD_CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# The flags of every headless Chromium the project starts (the load bench's, without its
# shared-memory workaround).
CHROMIUM_ARGS = [arg for arg in LOAD_CHROMIUM_ARGS if arg != "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1280, "height": 900}
EMPLOYEES, MONTHS = 150, 2
STARTUP_SECONDS = 60
REUSE_ENV = "EPERF_BROWSER_DATA_DIR"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _eperf(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "eperf.cli", *args], env=env, check=True, cwd=REPO)


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """The base URL of ``eperf serve`` on a free loopback port with ``env``, stopped after."""
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
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
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
    with serving(env) as base:
        yield base, data_dir


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EPERF_SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
