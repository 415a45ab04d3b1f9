"""Reach a source before reading it: a few attempts with bounded exponential backoff, then a clear
error that names the source (and never its password).

A database is reachable when a connection opens and ``select 1`` answers; a SQLite source must be
an existing file (SQLAlchemy's driver would create an empty one).
An attendance folder is reachable when it exists and can be listed.

Only an outage is retried: a refused connection, a timeout, a server starting, shutting down or
out of connections, and any error not known to be a configuration error. A database whose
configuration is wrong fails at once with :class:`SourceMisconfigured`, naming the fix, since
waiting cannot help: a driver that is not installed, a URL that does not parse, a user or password
the server refuses, a database that does not exist, a SQLite file that is not there. They are told
apart by exception type and driver error code (PostgreSQL's SQLSTATE, MySQL's error number), and
by the server's words only where libpq gives no code (a refused login).

Attempts and delays come from ``EPERF_SOURCE_ATTEMPTS`` (default 4) and
``EPERF_SOURCE_BACKOFF_SECONDS`` (first delay, default 2; doubled each time, capped at
``EPERF_SOURCE_BACKOFF_MAX_SECONDS``, default 30), so tests can make them small.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa

from eperf.config import Settings

T = TypeVar("T")


class SourceUnavailable(RuntimeError):
    """A source could not be reached after every attempt."""


class SourceMisconfigured(SourceUnavailable):
    """A source's settings are wrong (driver, URL, user, password, database): not retried.

    A subclass so that every handler of :class:`SourceUnavailable` handles it too."""


@dataclass(frozen=True)
class Backoff:
    attempts: int = 4
    first_delay: float = 2.0
    max_delay: float = 30.0

    @classmethod
    def from_env(cls, settings: Settings | None = None) -> Backoff:
        """The retries the settings configure (``EPERF_SOURCE_ATTEMPTS`` …)."""
        settings = settings or Settings.from_env()
        return cls(
            attempts=settings.source_attempts,
            first_delay=settings.source_backoff_seconds,
            max_delay=settings.source_backoff_max_seconds,
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
    diagnose: Callable[[Exception], str | None] | None = None,
) -> T:
    """Run ``action``; on failure wait and try again; after the last attempt raise
    :class:`SourceUnavailable` naming ``source`` with the last error.

    ``diagnose`` tells a configuration error from an outage: the fix for it, or None. An error
    with a fix raises :class:`SourceMisconfigured` at once, without waiting."""
    backoff = backoff or Backoff.from_env()
    delays = backoff.delays()
    for attempt in range(1, backoff.attempts + 1):
        try:
            return action()
        except Exception as error:  # an error not diagnosed means "not reachable now"
            fix = diagnose(error) if diagnose else None
            if fix:
                raise SourceMisconfigured(
                    f"source {source} is misconfigured: {_reason(error)}. Fix: {fix}"
                ) from error
            last = error
            if attempt == backoff.attempts:
                break
            if log:
                log(f"{source}: attempt {attempt} failed ({_first_line(error)}); retrying")
            sleep(delays[attempt - 1])
    raise SourceUnavailable(
        f"source {source} unreachable after {backoff.attempts} attempts: {_first_line(last)}"
    ) from last


def check_database(
    url: str,
    source: str,
    backoff: Backoff | None = None,
    log=None,
    sleep: Callable[[float], None] = time.sleep,
    variable: str | None = None,
) -> None:
    """Fail with :class:`SourceUnavailable` unless the database at ``url`` answers, at once with
    :class:`SourceMisconfigured` when its configuration is wrong. ``variable`` is the setting
    the fix names (default ``EPERF_<SOURCE>_URL``)."""
    variable = variable or f"EPERF_{source.upper()}_URL"
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as error:
        # Not shown: without parsing it, its password cannot be told from the rest.
        raise SourceMisconfigured(
            f"source {source} (URL not shown: it does not parse) is misconfigured: "
            f"{_reason(error)}. Fix: {_malformed_fix(variable)}"
        ) from error
    label = f"{source} ({parsed.render_as_string(hide_password=True)})"

    def probe() -> None:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:") or not Path(database).is_file():
                raise FileNotFoundError(f"no SQLite database file at {database!r}")
        engine = sa.create_engine(parsed, pool_pre_ping=False)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("select 1"))
        finally:
            engine.dispose()

    with_retries(
        probe, label, backoff, sleep, log, diagnose=lambda error: database_fix(error, variable)
    )


# PostgreSQL SQLSTATEs and MySQL/MariaDB error numbers that mean the settings are wrong.
PG_LOGIN_CODES = {"28P01", "28000"}  # invalid password, invalid authorization
PG_DATABASE_CODES = {"3D000"}  # invalid catalog name: no such database
MYSQL_LOGIN_CODES = {1045, 1698}  # access denied (password; unix_socket/plugin login)
MYSQL_GRANT_CODES = {1044}  # access denied to this database for this user
MYSQL_DATABASE_CODES = {1049}  # unknown database
# libpq refuses a login before any SQLSTATE reaches psycopg2, so there the text decides.
PG_LOGIN_TEXT = re.compile(
    r'authentication failed|no password supplied|no pg_hba\.conf entry|role ".*" does not exist'
)
PG_DATABASE_TEXT = re.compile(r'database ".*" does not exist')


def database_fix(error: Exception, variable: str) -> str | None:
    """The fix for a configuration error of the database source set by ``variable``; None for
    any other error (an outage, or unknown: retried)."""
    if isinstance(error, FileNotFoundError):
        return f"point {variable} at an existing SQLite file"
    if isinstance(error, ImportError | sa.exc.NoSuchModuleError):
        return (
            f"write {variable} with a driver this installation has (postgresql://, mysql:// or "
            "mariadb://, served by psycopg2 and PyMySQL) or install the missing one"
        )
    if isinstance(error, sa.exc.ArgumentError):
        return _malformed_fix(variable)
    if not isinstance(error, sa.exc.DBAPIError):
        return None
    problem = _driver_problem(error.orig)
    return {
        "login": f"correct the user name or password in {variable} (or create that user)",
        "grant": f"grant the user access to the database or correct {variable}",
        "database": f"create the database or correct {variable}",
    }.get(problem)


def _driver_problem(orig: BaseException) -> str | None:
    """'login', 'grant' or 'database' when the driver error says the settings are wrong."""
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int):  # MySQL drivers: (error number, message)
        code = args[0]
        if code in MYSQL_LOGIN_CODES:
            return "login"
        if code in MYSQL_GRANT_CODES:
            return "grant"
        return "database" if code in MYSQL_DATABASE_CODES else None
    if not hasattr(orig, "pgcode"):
        return None
    code = orig.pgcode
    if code:
        if code in PG_LOGIN_CODES:
            return "login"
        return "database" if code in PG_DATABASE_CODES else None
    text = str(orig)
    if PG_LOGIN_TEXT.search(text):
        return "login"
    return "database" if PG_DATABASE_TEXT.search(text) else None


def _malformed_fix(variable: str) -> str:
    return (
        f"write {variable} as dialect://user:password@host:port/database "
        "(e.g. postgresql://eperf:secret@db.example:5432/simpeg) or sqlite:///path/to/file"
    )


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


def _reason(error: BaseException) -> str:
    """What the driver says is wrong, in its own words, on one line and without its wrapping:
    MySQL's ``(1049, "Unknown database 'x'")`` as ``Unknown database 'x' (error 1049)``, and
    libpq's ``connection to server at … failed: FATAL:  <reason>`` as the reason."""
    orig = error.orig if isinstance(error, sa.exc.DBAPIError) else error
    args = getattr(orig, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return f"{args[1]} (error {args[0]})"
    lines = str(orig).strip().splitlines()
    return (lines[0] if lines else type(orig).__name__).split("FATAL:", 1)[-1].strip()
