"""A source that is down gives a clear error naming it, is retried with bounded backoff, makes
``eperf run`` exit non-zero, and leaves the last good release served (ingestion.retry)."""

from __future__ import annotations

import shutil
import socket
import time
import uuid
from pathlib import Path

import pytest

from ingestion.retry import Backoff, SourceUnavailable, check_database, check_folder, with_retries
from tests.conftest import release_files, run_eperf

FAST = Backoff(attempts=3, first_delay=0.05, max_delay=0.1)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_backoff_doubles_and_is_bounded() -> None:
    assert Backoff(attempts=6, first_delay=1, max_delay=4).delays() == [1, 2, 4, 4, 4]
    assert Backoff(attempts=1).delays() == []


def test_backoff_is_configurable_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EPERF_SOURCE_ATTEMPTS", "2")
    monkeypatch.setenv("EPERF_SOURCE_BACKOFF_SECONDS", "0.5")
    monkeypatch.setenv("EPERF_SOURCE_BACKOFF_MAX_SECONDS", "0.75")
    assert Backoff.from_env() == Backoff(2, 0.5, 0.75)


def test_a_source_that_comes_back_is_read_after_a_retry() -> None:
    calls, slept = [], []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionRefusedError("connection refused")
        return "rows"

    assert with_retries(flaky, "simpeg", Backoff(4, 1, 30), sleep=slept.append) == "rows"
    assert len(calls) == 3 and slept == [1, 2]


def test_a_closed_port_is_retried_then_named_without_its_password() -> None:
    url = f"postgresql+psycopg2://eperf:geheim@127.0.0.1:{closed_port()}/simpeg"
    log: list[str] = []
    started = time.monotonic()
    with pytest.raises(SourceUnavailable) as raised:
        check_database(url, "simpeg", FAST, log=log.append)
    message = str(raised.value)
    assert message.startswith("source simpeg (postgresql+psycopg2://eperf:***@127.0.0.1:")
    assert "unreachable after 3 attempts: OperationalError" in message
    assert "geheim" not in message + "".join(log)
    assert len(log) == 2 and all("retrying" in line for line in log)
    assert time.monotonic() - started < 10


def test_a_mysql_source_that_is_down_is_named() -> None:
    url = f"mysql+pymysql://root@127.0.0.1:{closed_port()}/app"
    with pytest.raises(SourceUnavailable, match=r"^source app \(mysql\+pymysql://root@127"):
        check_database(url, "app", FAST)


@pytest.mark.services
def test_a_postgresql_database_that_does_not_exist_is_named() -> None:
    name = f"eperf_missing_{uuid.uuid4().hex[:8]}"
    url = f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"
    with pytest.raises(SourceUnavailable, match=f'database "{name}" does not exist'):
        check_database(url, "simpeg", FAST)


def test_a_missing_sqlite_file_is_not_read_as_an_empty_database(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "simpeg.sqlite"
    with pytest.raises(SourceUnavailable, match="no SQLite database file"):
        check_database(f"sqlite:///{missing}", "simpeg", FAST)
    assert not missing.exists()  # the probe did not create it


def test_a_missing_or_unlistable_attendance_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match=r"^source attendance \(.*nowhere\).*no folder"):
        check_folder(tmp_path / "nowhere", "attendance", FAST)
    not_a_folder = tmp_path / "attendance"
    not_a_folder.write_text("a file where the mount should be")
    with pytest.raises(SourceUnavailable, match="no folder"):
        check_folder(not_a_folder, "attendance", FAST)


def _copy_published(tiny_pipeline, tmp_path: Path) -> dict[str, str]:
    """A data dir holding a copy of the tiny pipeline's warehouse and its published release."""
    data = tmp_path / "data"
    shutil.copytree(tiny_pipeline.settings.data_dir, data, ignore=shutil.ignore_patterns("*.lock"))
    (tmp_path / "dagster_home").mkdir()
    return {
        **tiny_pipeline.env,
        "EPERF_DATA_DIR": str(data),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "EPERF_SOURCE_ATTEMPTS": "3",
        "EPERF_SOURCE_BACKOFF_SECONDS": "0.2",
    }


OUTAGES = {
    "simpeg_port_closed": (
        "EPERF_SIMPEG_URL",
        lambda root: f"postgresql+psycopg2://postgres:geheim@127.0.0.1:{closed_port()}/simpeg",
        "source simpeg (postgresql+psycopg2://postgres:***@127.0.0.1:",
    ),
    "attendance_folder_missing": (
        "EPERF_ATTENDANCE_DIR",
        lambda root: str(root / "unmounted"),
        "source attendance (",
    ),
}


@pytest.mark.slow  # a real `eperf run` each (about a minute on a loaded machine)
@pytest.mark.parametrize("outage", sorted(OUTAGES))
def test_a_run_during_an_outage_fails_clearly_and_keeps_the_release(
    tiny_pipeline, tmp_path: Path, outage: str
) -> None:
    variable, value, expected = OUTAGES[outage]
    env = {**_copy_published(tiny_pipeline, tmp_path), variable: value(tmp_path)}
    before = release_files(Path(env["EPERF_DATA_DIR"]) / "serving")
    result = run_eperf(["run"], env, timeout=300)
    assert result.returncode == 1, result.stdout[-3000:]
    assert expected in result.stderr, result.stderr[-3000:]
    assert "unreachable after 3 attempts" in result.stderr
    assert "The last good release stays published." in result.stderr
    assert "geheim" not in result.stdout + result.stderr
    assert release_files(Path(env["EPERF_DATA_DIR"]) / "serving") == before
