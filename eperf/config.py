"""Runtime configuration: every environment variable the packages read, in :class:`Settings`.

Every setting has an embedded default under ``EPERF_DATA_DIR`` (``./data``) so the demo runs with
no configuration; production points the variables at the real sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path

from eperf.source_url import installed_driver_url

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

DEFAULT_RULE_SET = "kemensos-2024"


def dbt_beside_python() -> Path:
    """Where the dbt of this Python's environment (the project's venv) is installed."""
    return Path(sys.executable).parent / "dbt"


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's venv), so a command started as
    ``.venv/bin/eperf`` without an activated venv finds it; else ``dbt`` on PATH."""
    beside = dbt_beside_python()
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def run_dbt(
    *args: str, target_path: Path, env: Mapping[str, str], timeout: float | None = None
) -> subprocess.CompletedProcess:
    """``dbt <args>`` in the project folder with its profiles, ``target_path`` as target and
    ``env`` as the whole environment; output captured as text."""
    command = [dbt_executable(), *args, "--profiles-dir", str(DBT_PROJECT_DIR)]
    return subprocess.run(
        [*command, "--target-path", str(target_path)],
        cwd=DBT_PROJECT_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _setting(env_name: str, default=MISSING, *, located: bool = False):
    """A Settings field read from ``env_name``; ``located`` marks where the data lives (the
    fields a run on another data dir replaces, and always handed to child processes)."""
    return field(default=default, metadata={"env": env_name, "located": located})


@dataclass(frozen=True)
class Settings:
    """Every environment variable the packages read, with its default (nothing else reads the
    environment; modules take these values from a Settings passed in or built at call time).

    Where the data lives (the source contract's variables):

    - ``data_dir`` ``EPERF_DATA_DIR`` (``./data``): the root of every default below.
    - ``simpeg_url`` ``EPERF_SIMPEG_URL``, ``app_url`` ``EPERF_APP_URL``: the source databases
      (default: SQLite files under ``<data dir>/sources``), given the installed driver.
    - ``attendance_dir`` ``EPERF_ATTENDANCE_DIR``: the device export folder.
    - ``warehouse`` ``EPERF_WAREHOUSE``, ``serving_dir`` ``EPERF_SERVING_DIR``.
    - ``rule_set`` ``EPERF_RULE_SET`` (``kemensos-2024``): the policy seeds' rule set.
    - ``quarantine_block_share`` ``EPERF_QUARANTINE_BLOCK_SHARE`` (0.01) and
      ``quarantine_min_rows`` ``EPERF_QUARANTINE_MIN_ROWS`` (100): the share of a table's rows
      rejected into quarantine above which the source counts as broken and publication stops,
      judged over at least that many rows (data_quality/rejected_share.py).

    How this process runs:

    - ``duckdb_memory_limit`` ``EPERF_DUCKDB_MEMORY_LIMIT`` (``4GB``): a load's DuckDB memory.
    - ``punch_files_per_slice`` ``EPERF_PUNCH_FILES_PER_SLICE`` (1000) and
      ``punch_bytes_per_slice`` ``EPERF_PUNCH_BYTES_PER_SLICE`` (24 MiB): device files parsed
      and checked together.
    - ``ingest_overlap_minutes`` ``EPERF_INGEST_OVERLAP_MINUTES`` (60): the window re-read
      before a table's watermark.
    - ``source_attempts`` ``EPERF_SOURCE_ATTEMPTS`` (4), ``source_backoff_seconds``
      ``EPERF_SOURCE_BACKOFF_SECONDS`` (2), ``source_backoff_max_seconds``
      ``EPERF_SOURCE_BACKOFF_MAX_SECONDS`` (30): retries of an unreachable source.
    - ``gx_rows_per_slice`` ``EPERF_GX_ROWS_PER_SLICE`` (1,000,000): rows per DataFrame when a
      row-wise expectation suite is validated.
    - ``partitions_start`` ``EPERF_PARTITIONS_START`` (``2024-01-01``): the first Dagster
      partition.
    - ``close_day`` ``EPERF_CLOSE_DAY`` (unset: the close schedule is listed, stopped, on day
      10): the day of the month the previous period is closed.
    - ``freshness_hours`` ``EPERF_FRESHNESS_HOURS`` (72): a source older than this is stale.
    - ``dagster_home`` ``DAGSTER_HOME`` (unset: ``<data dir>/dagster_home``) and
      ``dagster_pg_url`` ``EPERF_DAGSTER_PG_URL`` (unset: SQLite): the Dagster instance.
    - ``dbt_target_path`` ``DBT_TARGET_PATH`` (unset: the project's ``target``).
    - ``rebuild_unchanged`` ``EPERF_REBUILD_UNCHANGED`` (``1``/``true``/``yes``): build a window
      even when its inputs and code are those of its last published build
      (eperf/build_inputs.py).
    - ``log_level`` ``EPERF_LOG_LEVEL`` (``WARNING``): Dagster's console log in ``eperf run``.
    - ``user`` ``EPERF_USER`` (unset: the OS user): the actor of the audit log.
    - ``users_file`` ``EPERF_USERS_FILE`` (unset: ``<data dir>/users.toml``), ``demo_login``
      ``EPERF_DEMO_LOGIN`` (``1``/``true``/``yes``: create the demo accounts) and
      ``session_minutes`` ``EPERF_SESSION_MINUTES`` (unset or not a whole number: the
      dashboard's default): the dashboard's accounts and sessions.
    - ``session_secret`` ``EPERF_SESSION_SECRET`` (unset: a random key generated once into
      ``<data dir>/session.key``, mode 600) signs the dashboard's session cookie;
      ``session_max_hours`` ``EPERF_SESSION_MAX_HOURS`` (12): even an active session signs in
      again after this long.
    - The sign-in throttle (dashboards/lib/login_throttle.py): ``login_free_failures``
      ``EPERF_LOGIN_FREE_FAILURES`` (5) failed sign-ins of one username from one address before
      that pair waits; ``login_address_free_failures`` ``EPERF_LOGIN_ADDRESS_FREE_FAILURES``
      (30) failed sign-ins from one address, over all usernames, before the address waits;
      ``login_delay_seconds`` ``EPERF_LOGIN_DELAY_SECONDS`` (5) the first wait, doubled at each
      further failure up to ``login_max_delay_seconds`` ``EPERF_LOGIN_MAX_DELAY_SECONDS``
      (900); ``trusted_proxy_hops`` ``EPERF_TRUSTED_PROXY_HOPS`` (0): the reverse proxies in
      front of the dashboard that append to ``X-Forwarded-For`` (0: the connection's address).
    - ``chromium`` ``EPERF_CHROMIUM`` (``/usr/bin/chromium``): the browser of the load bench.
    - ``pause_at`` ``EPERF_PAUSE_AT`` and ``pause_marker`` ``EPERF_PAUSE_MARKER``: the crash
      tests' pause points (eperf/faults.py); never set in production.
    """

    data_dir: Path = _setting("EPERF_DATA_DIR", located=True)
    simpeg_url: str = _setting("EPERF_SIMPEG_URL", located=True)
    app_url: str = _setting("EPERF_APP_URL", located=True)
    attendance_dir: Path = _setting("EPERF_ATTENDANCE_DIR", located=True)
    warehouse: Path = _setting("EPERF_WAREHOUSE", located=True)
    serving_dir: Path = _setting("EPERF_SERVING_DIR", located=True)
    rule_set: str = _setting("EPERF_RULE_SET", DEFAULT_RULE_SET, located=True)
    quarantine_block_share: float = _setting("EPERF_QUARANTINE_BLOCK_SHARE", 0.01, located=True)
    quarantine_min_rows: int = _setting("EPERF_QUARANTINE_MIN_ROWS", 100, located=True)
    duckdb_memory_limit: str = _setting("EPERF_DUCKDB_MEMORY_LIMIT", "4GB")
    punch_files_per_slice: int = _setting("EPERF_PUNCH_FILES_PER_SLICE", 1000)
    punch_bytes_per_slice: int = _setting("EPERF_PUNCH_BYTES_PER_SLICE", 24 * 2**20)
    ingest_overlap_minutes: int = _setting("EPERF_INGEST_OVERLAP_MINUTES", 60)
    source_attempts: int = _setting("EPERF_SOURCE_ATTEMPTS", 4)
    source_backoff_seconds: float = _setting("EPERF_SOURCE_BACKOFF_SECONDS", 2.0)
    source_backoff_max_seconds: float = _setting("EPERF_SOURCE_BACKOFF_MAX_SECONDS", 30.0)
    gx_rows_per_slice: int = _setting("EPERF_GX_ROWS_PER_SLICE", 1_000_000)
    partitions_start: str = _setting("EPERF_PARTITIONS_START", "2024-01-01")
    close_day: int | None = _setting("EPERF_CLOSE_DAY", None)
    freshness_hours: float = _setting("EPERF_FRESHNESS_HOURS", 72.0)
    dagster_home: str | None = _setting("DAGSTER_HOME", None)
    dagster_pg_url: str | None = _setting("EPERF_DAGSTER_PG_URL", None)
    dbt_target_path: str | None = _setting("DBT_TARGET_PATH", None)
    rebuild_unchanged: bool = _setting("EPERF_REBUILD_UNCHANGED", False)
    log_level: str = _setting("EPERF_LOG_LEVEL", "WARNING")
    user: str | None = _setting("EPERF_USER", None)
    users_file: Path | None = _setting("EPERF_USERS_FILE", None)
    demo_login: bool = _setting("EPERF_DEMO_LOGIN", False)
    session_minutes: int | None = _setting("EPERF_SESSION_MINUTES", None)
    session_secret: str | None = _setting("EPERF_SESSION_SECRET", None)
    session_max_hours: float = _setting("EPERF_SESSION_MAX_HOURS", 12.0)
    login_free_failures: int = _setting("EPERF_LOGIN_FREE_FAILURES", 5)
    login_address_free_failures: int = _setting("EPERF_LOGIN_ADDRESS_FREE_FAILURES", 30)
    login_delay_seconds: float = _setting("EPERF_LOGIN_DELAY_SECONDS", 5.0)
    login_max_delay_seconds: float = _setting("EPERF_LOGIN_MAX_DELAY_SECONDS", 900.0)
    trusted_proxy_hops: int = _setting("EPERF_TRUSTED_PROXY_HOPS", 0)
    chromium: str = _setting("EPERF_CHROMIUM", "/usr/bin/chromium")
    pause_at: str | None = _setting("EPERF_PAUSE_AT", None)
    pause_marker: str | None = _setting("EPERF_PAUSE_MARKER", None)

    @classmethod
    def environment_names(cls) -> dict[str, str]:
        """Field name -> the environment variable it is read from."""
        return {f.name: f.metadata["env"] for f in fields(cls)}

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("EPERF_DATA_DIR", "data")).resolve()
        sources = data_dir / "sources"
        users_file = env.get("EPERF_USERS_FILE")
        return cls(
            data_dir=data_dir,
            # Every reader of a source URL takes it from here, so a plain postgresql:// or
            # mysql:// gets the installed driver once for all of them.
            simpeg_url=installed_driver_url(
                env.get("EPERF_SIMPEG_URL") or f"sqlite:///{sources / 'simpeg.sqlite'}"
            ),
            app_url=installed_driver_url(
                env.get("EPERF_APP_URL") or f"sqlite:///{sources / 'eperformance.sqlite'}"
            ),
            attendance_dir=Path(
                env.get("EPERF_ATTENDANCE_DIR") or sources / "attendance"
            ).resolve(),
            warehouse=Path(env.get("EPERF_WAREHOUSE") or data_dir / "warehouse.duckdb").resolve(),
            serving_dir=Path(env.get("EPERF_SERVING_DIR") or data_dir / "serving").resolve(),
            rule_set=env.get("EPERF_RULE_SET") or DEFAULT_RULE_SET,
            quarantine_block_share=float(env.get("EPERF_QUARANTINE_BLOCK_SHARE") or 0.01),
            quarantine_min_rows=int(env.get("EPERF_QUARANTINE_MIN_ROWS") or 100),
            duckdb_memory_limit=env.get("EPERF_DUCKDB_MEMORY_LIMIT", "4GB").strip(),
            punch_files_per_slice=int(env.get("EPERF_PUNCH_FILES_PER_SLICE", "1000")),
            punch_bytes_per_slice=int(env.get("EPERF_PUNCH_BYTES_PER_SLICE", str(24 * 2**20))),
            ingest_overlap_minutes=int(env.get("EPERF_INGEST_OVERLAP_MINUTES", "60")),
            source_attempts=max(1, int(env.get("EPERF_SOURCE_ATTEMPTS", 4))),
            source_backoff_seconds=float(env.get("EPERF_SOURCE_BACKOFF_SECONDS", 2.0)),
            source_backoff_max_seconds=float(env.get("EPERF_SOURCE_BACKOFF_MAX_SECONDS", 30.0)),
            gx_rows_per_slice=int(env.get("EPERF_GX_ROWS_PER_SLICE", "1000000")),
            partitions_start=env.get("EPERF_PARTITIONS_START", "2024-01-01"),
            close_day=int(env["EPERF_CLOSE_DAY"]) if env.get("EPERF_CLOSE_DAY") else None,
            freshness_hours=float(env.get("EPERF_FRESHNESS_HOURS") or 72.0),
            dagster_home=env.get("DAGSTER_HOME") or None,
            dagster_pg_url=env.get("EPERF_DAGSTER_PG_URL") or None,
            dbt_target_path=env.get("DBT_TARGET_PATH"),
            rebuild_unchanged=_yes(env.get("EPERF_REBUILD_UNCHANGED")),
            log_level=env.get("EPERF_LOG_LEVEL", "WARNING"),
            user=env.get("EPERF_USER") or None,
            users_file=Path(users_file).resolve() if users_file else None,
            demo_login=_yes(env.get("EPERF_DEMO_LOGIN")),
            session_minutes=_whole_number(env.get("EPERF_SESSION_MINUTES")),
            session_secret=env.get("EPERF_SESSION_SECRET") or None,
            session_max_hours=float(env.get("EPERF_SESSION_MAX_HOURS") or 12.0),
            login_free_failures=max(1, int(env.get("EPERF_LOGIN_FREE_FAILURES") or 5)),
            login_address_free_failures=max(
                1, int(env.get("EPERF_LOGIN_ADDRESS_FREE_FAILURES") or 30)
            ),
            login_delay_seconds=float(env.get("EPERF_LOGIN_DELAY_SECONDS") or 5.0),
            login_max_delay_seconds=float(env.get("EPERF_LOGIN_MAX_DELAY_SECONDS") or 900.0),
            trusted_proxy_hops=max(0, int(env.get("EPERF_TRUSTED_PROXY_HOPS") or 0)),
            chromium=env.get("EPERF_CHROMIUM", "/usr/bin/chromium"),
            pause_at=env.get("EPERF_PAUSE_AT"),
            pause_marker=env.get("EPERF_PAUSE_MARKER") or None,
        )

    def as_env(self) -> dict[str, str]:
        """The settings as environment variables, for child processes (dbt, Dagster, Streamlit):
        where the data lives always, every other setting when it is not its default (so a child
        started with ``{**os.environ, **settings.as_env()}`` keeps this process's tuning when
        the settings were built for another data dir)."""
        names = self.environment_names()
        env = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or (not item.metadata["located"] and value == item.default):
                continue
            env[names[item.name]] = "1" if value is True else str(value)
        return env

    def located_at(self, data_dir: Path) -> Settings:
        """These settings with everything that says where the data lives at the defaults under
        ``data_dir`` (its own sources, warehouse and serving copy; the default rule set and
        quarantine limits), keeping how this process runs."""
        defaults = Settings.from_env({"EPERF_DATA_DIR": str(data_dir)})
        located = [f.name for f in fields(self) if f.metadata["located"]]
        return replace(self, **{name: getattr(defaults, name) for name in located})


def _yes(text: str | None) -> bool:
    """True for ``1``, ``true`` or ``yes`` (any case), else False."""
    return (text or "").strip().lower() in ("1", "true", "yes")


def _whole_number(text: str | None) -> int | None:
    """``text`` as an int, None when unset or not a whole number (the reader keeps its default)."""
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


@contextmanager
def scoped_environment(values: Mapping[str, str] | None = None) -> Iterator[None]:
    """``os.environ`` updated with ``values`` inside the block; afterwards the variables it
    named, or with ``values`` None the whole environment, as they were before."""
    saved = dict(os.environ) if values is None else {name: os.environ.get(name) for name in values}
    os.environ.update(values or {})
    try:
        yield
    finally:
        if values is None:
            os.environ.clear()
            os.environ.update(saved)
        else:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def put_on_path(folder: Path) -> None:
    """Put ``folder`` first on ``PATH`` (for the child processes started from here) unless it
    is there already."""
    if str(folder) not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = str(folder) + os.pathsep + os.environ.get("PATH", "")
