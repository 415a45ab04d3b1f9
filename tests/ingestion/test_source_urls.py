"""Source URLs as people write them (eperf/source_url.py, applied by Settings.from_env) reach
the installed drivers, and a misconfigured source fails at once naming the fix, while an outage is
still retried (ingestion/retry.py). The ``services`` tests use the real PostgreSQL and MariaDB
servers on this machine."""

from __future__ import annotations

import importlib.util
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psycopg2
import pymysql
import pytest
import sqlalchemy as sa

from eperf.config import Settings
from eperf.source_url import installed_driver_url
from ingestion import database, landing
from ingestion.batch import Batch
from ingestion.contract import SIMPEG
from ingestion.retry import (
    Backoff,
    SourceMisconfigured,
    SourceUnavailable,
    check_database,
    database_fix,
)
from simulator.writer import write_database
from tests.e2e.tiny_sources import simpeg_rows

PG_ADMIN = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
MARIADB_ADMIN = "mysql+pymysql://root@127.0.0.1:3306/"
# Long delays that are never slept: every test passes a sleep spy.
SLOW = Backoff(attempts=5, first_delay=60, max_delay=60)


class SleepSpy(list):
    """A ``sleep`` that records the delays asked for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def misconfigured(url: str, source: str = "app") -> tuple[str, SleepSpy]:
    """The message of the :class:`SourceMisconfigured` ``check_database`` raises for ``url``, and
    the sleeps it asked for."""
    slept = SleepSpy()
    with pytest.raises(SourceMisconfigured) as raised:
        check_database(url, source, SLOW, sleep=slept)
    return str(raised.value), slept


# --- the normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "served"),
    [
        ("postgresql://u:pw@db:5432/simpeg", "postgresql+psycopg2://u:pw@db:5432/simpeg"),
        ("postgres://u:pw@db/simpeg", "postgresql+psycopg2://u:pw@db/simpeg"),
        ("mysql://u:pw@db:3306/app", "mysql+pymysql://u:pw@db:3306/app"),
        ("mariadb://u:pw@db/app", "mariadb+pymysql://u:pw@db/app"),
        ("PostgreSQL://u@db/simpeg", "postgresql+psycopg2://u@db/simpeg"),
    ],
)
def test_a_plain_scheme_gets_the_installed_driver(written: str, served: str) -> None:
    assert installed_driver_url(written) == served
    assert installed_driver_url(served) == served  # applying it twice changes nothing


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg2://u:pw@db/simpeg",
        "postgresql+psycopg://u:pw@db/simpeg",  # named, so kept: the check then says it is missing
        "mysql+pymysql://u:pw@db/app",
        "mariadb+pymysql://u:pw@db/app",
        "sqlite:////var/lib/eperf/simpeg.sqlite",
        "sqlite:///relative/app.sqlite",
        "postgresql//u:pw@db/simpeg",  # not a URL: kept for the check to report
        "",
    ],
)
def test_an_explicit_driver_or_a_non_url_is_kept_as_written(url: str) -> None:
    assert installed_driver_url(url) == url


def test_only_the_scheme_is_rewritten() -> None:
    written = "postgresql://eperf:p%40ss%2Fw%3Ard@db.example:6432/simpeg?sslmode=require"
    served = installed_driver_url(written)
    assert served == written.replace("postgresql://", "postgresql+psycopg2://", 1)
    assert sa.make_url(served).password == "p@ss/w:rd"


def test_settings_give_every_consumer_the_normalised_urls(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "EPERF_DATA_DIR": str(tmp_path),
            "EPERF_SIMPEG_URL": "postgres://u:pw@db/simpeg",
            "EPERF_APP_URL": "mariadb://u:pw@db/app",
        }
    )
    assert settings.simpeg_url == "postgresql+psycopg2://u:pw@db/simpeg"
    assert settings.app_url == "mariadb+pymysql://u:pw@db/app"
    assert settings.as_env()["EPERF_APP_URL"] == settings.app_url  # child processes too
    assert Settings.from_env(settings.as_env()) == settings
    default = Settings.from_env({"EPERF_DATA_DIR": str(tmp_path)})
    assert default.simpeg_url == f"sqlite:///{tmp_path / 'sources' / 'simpeg.sqlite'}"


# --- configuration errors fail at once, without a server -----------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("psycopg") is not None, reason="psycopg is installed here"
)
def test_a_driver_that_is_not_installed_fails_at_once_without_the_password() -> None:
    message, slept = misconfigured("postgresql+psycopg://eperf:geheim@127.0.0.1:5432/simpeg")
    assert message.startswith("source app (postgresql+psycopg://eperf:***@127.0.0.1:5432/simpeg)")
    assert "is misconfigured: No module named 'psycopg'" in message
    assert "Fix: write EPERF_APP_URL with a driver this installation has" in message
    assert "geheim" not in message
    assert slept == []


def test_a_dialect_sqlalchemy_does_not_know_fails_at_once() -> None:
    # postgres:// reaches check_database only when a caller bypasses Settings.
    message, slept = misconfigured("postgres://eperf:geheim@127.0.0.1:5432/simpeg", "simpeg")
    assert "Can't load plugin: sqlalchemy.dialects:postgres" in message
    assert "Fix: write EPERF_SIMPEG_URL with a driver" in message
    assert "geheim" not in message and slept == []


@pytest.mark.parametrize(
    "url", ["postgresql//eperf:geheim@127.0.0.1/simpeg", "postgresql://eperf:geheim@db:port/x"]
)
def test_a_url_that_does_not_parse_fails_at_once_and_is_not_shown(url: str) -> None:
    message, slept = misconfigured(Settings.from_env({"EPERF_APP_URL": url}).app_url)
    assert message.startswith("source app (URL not shown: it does not parse) is misconfigured")
    assert "Fix: write EPERF_APP_URL as dialect://user:password@host:port/database" in message
    assert "geheim" not in message and slept == []


def test_a_missing_sqlite_file_fails_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "simpeg.sqlite"
    message, slept = misconfigured(f"sqlite:///{missing}", "simpeg")
    assert "no SQLite database file" in message
    assert "Fix: point EPERF_SIMPEG_URL at an existing SQLite file" in message
    assert slept == [] and not missing.exists()


def test_a_refused_connection_is_still_retried() -> None:
    slept, log = SleepSpy(), []
    url = Settings.from_env({"EPERF_APP_URL": f"postgresql://u:geheim@127.0.0.1:{closed_port()}/x"})
    with pytest.raises(SourceUnavailable) as raised:
        check_database(url.app_url, "app", SLOW, log=log.append, sleep=slept)
    assert not isinstance(raised.value, SourceMisconfigured)
    assert "unreachable after 5 attempts" in str(raised.value)
    assert slept == [60, 60, 60, 60] and len(log) == 4  # 5 attempts, a wait between each
    assert "geheim" not in str(raised.value) + "".join(log)


def _pg_error(text: str) -> sa.exc.OperationalError:
    """A login error as psycopg2 raises it from libpq (no SQLSTATE: pgcode is None)."""
    return sa.exc.OperationalError("select 1", {}, psycopg2.OperationalError(text))


def _mysql_error(code: int, text: str) -> sa.exc.OperationalError:
    return sa.exc.OperationalError("select 1", {}, pymysql.err.OperationalError(code, text))


LIBPQ = 'connection to server at "db", port 5432 failed: FATAL:  '


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        (_pg_error(LIBPQ + 'password authentication failed for user "eperf"'), "user name"),
        (_pg_error(LIBPQ + 'role "eperf" does not exist'), "user name"),
        (_pg_error(LIBPQ + 'database "simpeg" does not exist'), "create the database"),
        (_mysql_error(1045, "Access denied for user 'eperf'@'h' (using password: YES)"), "user"),
        (_mysql_error(1698, "Access denied for user 'root'@'localhost'"), "user name"),
        (_mysql_error(1044, "Access denied for user 'eperf'@'%' to database 'app'"), "grant"),
        (_mysql_error(1049, "Unknown database 'app'"), "create the database"),
        (_pg_error(LIBPQ + "the database system is starting up"), None),
        (_pg_error(LIBPQ + "sorry, too many clients already"), None),
        (_pg_error('connection to server at "db", port 5432 failed: Connection refused'), None),
        (_pg_error('connection to server at "db" failed: timeout expired'), None),
        (_mysql_error(2003, "Can't connect to MySQL server on 'db' ([Errno 111] refused)"), None),
        (_mysql_error(1040, "Too many connections"), None),
        (_mysql_error(1053, "Server shutdown in progress"), None),
        (TimeoutError("timed out"), None),
    ],
)
def test_configuration_errors_are_told_from_outages(error: Exception, fix: str | None) -> None:
    found = database_fix(error, "EPERF_APP_URL")
    if fix is None:
        assert found is None  # an outage: retried
    else:
        assert found is not None and fix in found and "EPERF_APP_URL" in found


# --- the real servers ------------------------------------------------------------------------


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


def _server_available(url: str) -> bool:
    try:
        engine = sa.create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except sa.exc.OperationalError:
        return False


@pytest.fixture(scope="module")
def databases() -> Iterator[str]:
    """The name of a database created on both servers for this module, dropped afterwards."""
    if not (_server_available(PG_ADMIN) and _server_available(MARIADB_ADMIN)):
        pytest.fail("PostgreSQL and MariaDB must run on 127.0.0.1 (bash .ci/run starts them)")
    name = f"eperf_urls_{uuid.uuid4().hex[:8]}"
    for admin in (PG_ADMIN, MARIADB_ADMIN):
        engine = _admin(admin)
        with engine.connect() as conn:
            conn.execute(sa.text(f"create database {name}"))
        engine.dispose()
    try:
        yield name
    finally:
        for admin in (PG_ADMIN, MARIADB_ADMIN):
            engine = _admin(admin)
            with engine.connect() as conn:
                conn.execute(sa.text(f"drop database if exists {name}"))
            engine.dispose()


@pytest.fixture(scope="module")
def mariadb_user(databases: str) -> Iterator[tuple[str, str]]:
    """A MariaDB user with a password and no access to the module's database: (name, password)."""
    name, password = f"eperf_{uuid.uuid4().hex[:8]}", "right-password"
    engine = _admin(MARIADB_ADMIN)
    with engine.connect() as conn:
        conn.execute(sa.text(f"create user '{name}'@'%' identified by '{password}'"))
    try:
        yield name, password
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f"drop user if exists '{name}'@'%'"))
        engine.dispose()


PLAIN = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/{db}",
    "postgres": "postgres://postgres@127.0.0.1:5432/{db}",
    "mysql": "mysql://root@127.0.0.1:3306/{db}",
    "mariadb": "mariadb://root@127.0.0.1:3306/{db}",
}


@pytest.mark.services
@pytest.mark.parametrize("scheme", sorted(PLAIN))
def test_a_plain_url_is_checked_and_landed_by_the_scanner(
    databases: str, scheme: str, tmp_path: Path
) -> None:
    url = Settings.from_env({"EPERF_SIMPEG_URL": PLAIN[scheme].format(db=databases)}).simpeg_url
    write_database(url, SIMPEG, simpeg_rows())
    slept = SleepSpy()
    check_database(url, "simpeg", SLOW, sleep=slept)
    assert slept == []
    with duckdb.connect() as con:  # read by DuckDB's scanner, not the slower SQLAlchemy path
        assert landing.attach_source(con, url)
        assert con.execute(f"select count(*) from {landing.ATTACHED}.employee").fetchone()[0] == 7
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        report = database.load_database(con, url, "simpeg", SIMPEG, Batch("simpeg"))
        assert report.rows_loaded["employee"] == 7
        assert con.execute("select count(*) from raw.simpeg__employee").fetchone()[0] == 7


@pytest.mark.services
def test_a_postgresql_role_that_does_not_exist_fails_at_once(databases: str) -> None:
    # Trust authentication on 127.0.0.1 accepts any password, so the refused login here is a
    # user the server does not know (a wrong password is covered by the MariaDB test below).
    url = f"postgresql://nobody_{uuid.uuid4().hex[:6]}:geheim@127.0.0.1:5432/{databases}"
    message, slept = misconfigured(
        Settings.from_env({"EPERF_SIMPEG_URL": url}).simpeg_url, "simpeg"
    )
    assert message.startswith("source simpeg (postgresql+psycopg2://nobody_")
    assert ":***@127.0.0.1:5432" in message and "geheim" not in message
    assert 'is misconfigured: role "nobody_' in message
    assert "Fix: correct the user name or password in EPERF_SIMPEG_URL" in message
    assert slept == []


@pytest.mark.services
def test_a_postgresql_database_that_does_not_exist_fails_at_once() -> None:
    name = f"eperf_missing_{uuid.uuid4().hex[:8]}"
    url = f"postgresql://postgres:geheim@127.0.0.1:5432/{name}"
    message, slept = misconfigured(Settings.from_env({"EPERF_APP_URL": url}).app_url)
    assert message == (
        f"source app (postgresql+psycopg2://postgres:***@127.0.0.1:5432/{name}) is "
        f'misconfigured: database "{name}" does not exist. '
        "Fix: create the database or correct EPERF_APP_URL"
    )
    assert slept == []


@pytest.mark.services
@pytest.mark.parametrize("scheme", ["mysql", "mariadb"])
def test_a_wrong_mariadb_password_fails_at_once(
    databases: str, mariadb_user: tuple[str, str], scheme: str
) -> None:
    user, _ = mariadb_user
    url = f"{scheme}://{user}:wrong-password@127.0.0.1:3306/{databases}"
    message, slept = misconfigured(Settings.from_env({"EPERF_APP_URL": url}).app_url)
    assert message.startswith(f"source app ({scheme}+pymysql://{user}:***@127.0.0.1:3306/")
    assert f"is misconfigured: Access denied for user '{user}'" in message
    assert "(error 1045). Fix: correct the user name or password in EPERF_APP_URL" in message
    assert "wrong-password" not in message and slept == []


@pytest.mark.services
def test_a_mariadb_user_without_access_to_the_database_fails_at_once(
    databases: str, mariadb_user: tuple[str, str]
) -> None:
    user, password = mariadb_user
    url = f"mysql://{user}:{password}@127.0.0.1:3306/{databases}"
    message, slept = misconfigured(Settings.from_env({"EPERF_APP_URL": url}).app_url)
    assert "(error 1044). Fix: grant the user access to the database" in message
    assert password not in message and slept == []


@pytest.mark.services
@pytest.mark.parametrize("scheme", ["mysql", "mariadb"])
def test_a_mariadb_database_that_does_not_exist_fails_at_once(scheme: str) -> None:
    name = f"eperf_missing_{uuid.uuid4().hex[:8]}"
    url = f"{scheme}://root@127.0.0.1:3306/{name}"
    message, slept = misconfigured(
        Settings.from_env({"EPERF_SIMPEG_URL": url}).simpeg_url, "simpeg"
    )
    assert f"is misconfigured: Unknown database '{name}' (error 1049)" in message
    assert "Fix: create the database or correct EPERF_SIMPEG_URL" in message
    assert slept == []


@pytest.mark.services
def test_a_scanner_that_cannot_connect_does_not_show_the_password(
    databases: str, mariadb_user: tuple[str, str]
) -> None:
    user, _ = mariadb_user
    url = f"mariadb+pymysql://{user}:we'ird%20pass%5C@127.0.0.1:3306/{databases}"
    with duckdb.connect() as con, pytest.raises(duckdb.Error) as raised:
        landing.attach_source(con, url)
    assert "Access denied" in str(raised.value)
    assert "password=***" in str(raised.value) and "ird" not in str(raised.value)
