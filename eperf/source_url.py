"""Source database URLs as people write them, made into URLs the installed drivers serve.

The project installs two database drivers, psycopg2 and PyMySQL. SQLAlchemy reads a plain
``postgresql://`` as psycopg (version 3) and a plain ``mysql://`` or ``mariadb://`` as
mysqlclient, neither of them installed, and no longer knows ``postgres://`` at all. So each of
those schemes is given the installed driver; a URL that names its driver (``postgresql+psycopg2``,
``mysql+pymysql``, ``sqlite:///…``) is kept exactly as written, as is anything that is not a
URL: :func:`ingestion.retry.check_database` then says what is wrong with it.

``mariadb://`` keeps SQLAlchemy's MariaDB dialect (``mariadb+pymysql``), which also checks that
the server is MariaDB; :func:`ingestion.landing.attach_source` reads it with DuckDB's mysql
scanner like any MySQL URL.
"""

from __future__ import annotations

# Scheme as written (lower case) -> dialect+driver served by an installed driver.
INSTALLED_DRIVERS = {
    "postgresql": "postgresql+psycopg2",
    "postgres": "postgresql+psycopg2",  # the Heroku-style alias SQLAlchemy 1.4 dropped
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}


def installed_driver_url(url: str) -> str:
    """``url`` with a driver-less PostgreSQL, MySQL or MariaDB scheme given the installed driver;
    any other text unchanged. Only the scheme is rewritten, so the rest (an escaped password, a
    query string) stays byte for byte as written."""
    scheme, separator, rest = url.partition("://")
    driver = INSTALLED_DRIVERS.get(scheme.lower()) if separator else None
    return f"{driver}://{rest}" if driver else url
