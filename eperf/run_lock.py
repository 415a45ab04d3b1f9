"""One pipeline run (or close/reopen) at a time per warehouse: an exclusive lock file.

``<warehouse>.lock`` next to the warehouse file is locked with ``flock`` for the whole run and
holds the holder's pid, host, command and start time. The kernel drops the lock when the holder
dies (even by SIGKILL), so a lock left by a crashed run is never an obstacle: the next run takes
it, says it found a stale lock from that pid, and goes on (the warehouse is transactional, so a
killed run leaves nothing half-written).

A second run either refuses at once with the holder's details (:class:`RunLocked`) or waits up to
``wait_seconds`` for the lock. If the dead holder's process group still has live members (its
dbt child survived a kill of the parent alone), the lock is refused too, naming them: they may
still be writing the warehouse.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

POLL_SECONDS = 0.5


class RunLocked(RuntimeError):
    """Another run holds the warehouse lock."""


@dataclass(frozen=True)
class LockInfo:
    """What the lock file says about the run that holds (or last held) it."""

    pid: int | None
    host: str | None
    command: str | None
    started_at: str | None
    pgid: int | None = None

    def describe(self) -> str:
        return (
            f"pid {self.pid} on host {self.host}, started {self.started_at} "
            f"({self.command or 'unknown command'})"
        )


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def read_info(path: Path) -> LockInfo | None:
    """The holder recorded in the lock file, or None if there is none (or it is unreadable)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    return LockInfo(
        raw.get("pid"), raw.get("host"), raw.get("command"), raw.get("started_at"), raw.get("pgid")
    )


def survivors(stale: LockInfo) -> list[str]:
    """Live processes of a dead holder's process group on this host (e.g. an orphaned dbt)."""
    import psutil

    if stale.pgid is None or stale.host != socket.gethostname() or stale.pgid == os.getpgid(0):
        return []
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            if os.getpgid(process.pid) == stale.pgid and process.status() != "zombie":
                found.append(f"pid {process.pid} ({' '.join(process.info['cmdline'] or [])[:80]})")
        except (ProcessLookupError, psutil.Error):
            continue
    return found


@contextmanager
def run_lock(
    warehouse: Path, command: str, wait_seconds: float = 0.0, log=None
) -> Iterator[LockInfo | None]:
    """Hold the warehouse's run lock for the block; yields the stale holder found, if any.

    Raises :class:`RunLocked` naming the holder when the lock stays taken for ``wait_seconds``.
    """
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = read_info(path)
                if time.monotonic() >= deadline:
                    described = holder.describe() if holder else "an unknown process"
                    raise RunLocked(
                        f"another run holds the warehouse lock {path}: {described}. "
                        "Wait for it to finish (or pass --wait SECONDS)."
                    ) from None
                if not waited and log:
                    log(f"waiting for the run lock held by {holder.describe() if holder else '?'}")
                waited = True
                time.sleep(POLL_SECONDS)
        stale = read_info(path)
        if stale is not None and stale.pid is not None:
            alive = survivors(stale)
            if alive:
                raise RunLocked(
                    f"the run that held {path} ({stale.describe()}) was killed but its processes "
                    f"still run: {'; '.join(alive)}. Wait for them or stop them."
                )
            if log:
                log(f"stale run lock found ({stale.describe()}): that run ended without releasing")
        _write_holder(fd, command)
        try:
            yield stale if stale and stale.pid is not None else None
        finally:
            os.ftruncate(fd, 0)  # released cleanly: nothing stale for the next run
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _write_holder(fd: int, command: str) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pgid": os.getpgid(0),
        "argv": sys.argv,
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)
    os.fsync(fd)
