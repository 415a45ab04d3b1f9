"""One run at a time per warehouse (eperf.run_lock), proven with real child processes: a second
run refuses cleanly naming the holder, or waits for it; a lock left by a killed run is stale and
taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from eperf.run_lock import RunLocked, lock_path, read_info, run_lock
from tests.conftest import run_eperf

HOLD = """
import subprocess, sys, time
from pathlib import Path
from eperf.run_lock import run_lock
with run_lock(Path(sys.argv[1]), "test holder"):
    if len(sys.argv) > 4:  # a child of the run, like dbt, in the run's process group
        subprocess.Popen(["sleep", sys.argv[4]])
    Path(sys.argv[2]).write_text("held")
    time.sleep(float(sys.argv[3]))
"""


def _hold(
    warehouse: Path,
    marker: Path,
    seconds: float,
    child_seconds: float | None = None,
    new_session: bool = False,
) -> subprocess.Popen:
    """A child process that takes the lock, writes ``marker``, and keeps it ``seconds``."""
    extra = [str(child_seconds)] if child_seconds else []
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(warehouse), str(marker), str(seconds), *extra],
        start_new_session=new_session,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None and time.monotonic() < deadline, "holder did not start"
        time.sleep(0.05)
    return child


def test_a_second_run_refuses_naming_the_holder(tmp_path: Path) -> None:
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 120)
    try:
        result = run_eperf(["run"], {"EPERF_DATA_DIR": str(tmp_path / "data")}, timeout=120)
        assert result.returncode == 3, result.stderr
        assert "eperf run refused: another run holds the warehouse lock" in result.stderr
        assert f"pid {holder.pid} on host {socket.gethostname()}" in result.stderr
        assert "test holder" in result.stderr
        assert not warehouse.exists()  # refused before touching the warehouse
    finally:
        holder.kill()
        holder.wait()


def test_close_and_reopen_also_refuse_during_a_run(tmp_path: Path) -> None:
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 120)
    env = {"EPERF_DATA_DIR": str(tmp_path / "data")}
    try:
        closing = run_eperf(["close", "--period", "2025-01"], env, timeout=120)
        reopening = run_eperf(["reopen", "--period", "2025-01", "--reason", "x"], env, 120)
        for result, command in ((closing, "close"), (reopening, "reopen")):
            assert result.returncode == 3, result.stderr
            assert f"eperf {command} refused" in result.stderr
            assert f"pid {holder.pid}" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_waiting_gets_the_lock_when_the_holder_ends(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 1.5)
    messages: list[str] = []
    started = time.monotonic()
    with run_lock(warehouse, "waiter", wait_seconds=60, log=messages.append) as stale:
        waited = time.monotonic() - started
        assert read_info(lock_path(warehouse)).pid == os.getpid()
    holder.wait()
    assert stale is None  # the holder released it cleanly
    assert 0.5 < waited < 30
    assert messages and messages[0].startswith("waiting for the run lock held by pid")


def test_waiting_is_bounded(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 120)
    try:
        started = time.monotonic()
        with (
            pytest.raises(RunLocked, match=f"pid {holder.pid}"),
            run_lock(warehouse, "waiter", wait_seconds=1),
        ):
            pass
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_run_is_stale_and_taken_over(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 120)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert read_info(lock_path(warehouse)).pid == holder.pid  # the file still names it
    messages: list[str] = []
    with run_lock(warehouse, "next run", log=messages.append) as stale:
        assert stale is not None and stale.pid == holder.pid
    assert messages == [
        f"stale run lock found ({stale.describe()}): that run ended without releasing"
    ]
    assert lock_path(warehouse).read_text() == ""  # released cleanly this time


def test_a_killed_run_whose_child_still_runs_is_not_taken_over(tmp_path: Path) -> None:
    """Only the run process was killed; its child (as dbt would be) may still write."""
    warehouse = tmp_path / "warehouse.duckdb"
    holder = _hold(warehouse, tmp_path / "held", 120, child_seconds=120, new_session=True)
    survivor = next(p for p in psutil.Process(holder.pid).children() if p.name() == "sleep")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    try:
        with (
            pytest.raises(
                RunLocked,
                match=f"was killed but its processes still run: pid {survivor.pid} \\(sleep 120",
            ),
            run_lock(warehouse, "next run"),
        ):
            pass
    finally:
        survivor.kill()
        survivor.wait()
    with run_lock(warehouse, "next run") as stale:  # once the child is gone: stale, taken over
        assert stale is not None and stale.pid == holder.pid
