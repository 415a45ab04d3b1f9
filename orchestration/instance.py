"""The Dagster instance (run history, schedules, sensors): ``dagster.yaml`` written from the
settings (eperf.config) into DAGSTER_HOME.

SQLite files under DAGSTER_HOME by default; PostgreSQL when ``EPERF_DAGSTER_PG_URL`` is set
(``postgresql://user:password@host:5432/db``). The file names the variable, never its value, so
no password is written to disk. Either way the instance runs one run at a time, in the order
requested: every run writes the same DuckDB file, which allows a single writer.

    python -m orchestration.instance   # prepare $DAGSTER_HOME (make dev does this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from eperf.config import Settings

PG_URL_VAR = "EPERF_DAGSTER_PG_URL"

_COMMON = """\
# Written by orchestration/instance.py from the environment; edits are overwritten.
concurrency:
  runs:
    max_concurrent_runs: 1
telemetry:
  enabled: false
"""

_POSTGRES = f"""\
storage:
  postgres:
    postgres_url:
      env: {PG_URL_VAR}
"""


# Dagster's default SQLite files, with an event log that keeps an engine per database file
# (orchestration/event_log.py); the run and schedule storage stay Dagster's defaults.
_SQLITE = """\
event_log_storage:
  module: orchestration.event_log
  class: SqliteEventLogStorageKeepingEngines
  config:
    dagster_home:
      env: DAGSTER_HOME
"""


def instance_yaml(settings: Settings) -> str:
    """The dagster.yaml for these settings: PostgreSQL storage when configured, else SQLite."""
    return _COMMON + (_POSTGRES if settings.dagster_pg_url else _SQLITE)


def prepare_dagster_home(home: Path, settings: Settings | None = None) -> Path:
    """Create ``home`` and (re)write its dagster.yaml; returns the file."""
    settings = settings or Settings.from_env()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = instance_yaml(settings)
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    return config


def main(argv: list[str]) -> None:
    """Prepare DAGSTER_HOME, else the folder given as the first argument."""
    settings = Settings.from_env()
    target = settings.dagster_home or (argv[0] if argv else "")
    if not target:
        sys.exit("set DAGSTER_HOME (or pass the folder)")
    print(prepare_dagster_home(Path(target), settings))


if __name__ == "__main__":
    main(sys.argv[1:])
