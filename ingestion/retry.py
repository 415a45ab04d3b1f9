"""Reach a source before reading it: a few attempts with bounded exponential backoff, then a clear
error that names the source (and never its password).

A database is reachable when a connection opens and ``select 1`` answers; a SQLite source must be
an existing file (SQLAlchemy's driver would create an empty one).
An attendance folder is reachable when it exists and can be listed.

Attempts and delays come from ``EPERF_SOURCE_ATTEMPTS`` (default 4) and
``EPERF_SOURCE_BACKOFF_SECONDS`` (first delay, default 2; doubled each time, capped at
``EPERF_SOURCE_BACKOFF_MAX_SECONDS``, default 30), so tests can make them small.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa

T = TypeVar("T")


class SourceUnavailable(RuntimeError):
    """A source could not be reached after every attempt."""


@dataclass(frozen=True)
class Backoff:
    attempts: int = 4
    first_delay: float = 2.0
    max_delay: float = 30.0

    @classmethod
    def from_env(cls) -> Backoff:
        return cls(
            attempts=max(1, int(os.environ.get("EPERF_SOURCE_ATTEMPTS", cls.attempts))),
            first_delay=float(os.environ.get("EPERF_SOURCE_BACKOFF_SECONDS", cls.first_delay)),
            max_delay=float(os.environ.get("EPERF_SOURCE_BACKOFF_MAX_SECONDS", cls.max_delay)),
        )

    def delays(self) -> list[float]:
        """The waits between attempts: first, 2×first, 4×first …, each at most ``max_delay``."""
        return [min(self.first_delay * 2**i, self.max_delay) for i in range(self.attempts - 1)]


def with_retries(
    action: Callable[[], T],
    source: str,
    backoff: Backoff | None = None,
    sleep: Callable[[float], None] = time.sleep,
    log: Callable[[str], None] | None = None,
) -> T:
    """Run ``action``; on failure wait and try again; after the last attempt raise
    :class:`SourceUnavailable` naming ``source`` with the last error."""
    backoff = backoff or Backoff.from_env()
    delays = backoff.delays()
    for attempt in range(1, backoff.attempts + 1):
        try:
            return action()
        except Exception as error:  # any driver error means "not reachable now"
            last = error
            if attempt == backoff.attempts:
                break
            if log:
                log(f"{source}: attempt {attempt} failed ({_first_line(error)}); retrying")
            sleep(delays[attempt - 1])
    raise SourceUnavailable(
        f"source {source} unreachable after {backoff.attempts} attempts: {_first_line(last)}"
    ) from last


def check_database(url: str, source: str, backoff: Backoff | None = None, log=None) -> None:
    """Fail with :class:`SourceUnavailable` unless the database at ``url`` answers."""
    shown = sa.make_url(url).render_as_string(hide_password=True)
    label = f"{source} ({shown})"

    def probe() -> None:
        parsed = sa.make_url(url)
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:") or not Path(database).is_file():
                raise FileNotFoundError(f"no SQLite database file at {database!r}")
        engine = sa.create_engine(url, pool_pre_ping=False)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
        finally:
            engine.dispose()

    with_retries(probe, label, backoff, log=log)


def check_folder(folder: Path, source: str, backoff: Backoff | None = None, log=None) -> None:
    """Fail with :class:`SourceUnavailable` unless ``folder`` is a directory that can be listed."""

    def probe() -> None:
        if not folder.is_dir():
            raise FileNotFoundError(f"no folder at {folder}")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise PermissionError(f"folder {folder} is not readable")
        next(os.scandir(folder), None)

    with_retries(probe, f"{source} ({folder})", backoff, log=log)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"
