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


def instance_yaml(settings: Settings) -> str:
    """The dagster.yaml for these settings: PostgreSQL storage when configured, else SQLite."""
    return _COMMON + (_POSTGRES if settings.dagster_pg_url else "")


def prepare_dagster_home(home: Path, settings: Settings | None = None) -> Path:
    """Create ``home`` and (re)write its dagster.yaml; returns the file."""
    settings = settings or Settings.from_env()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    text = instance_yaml(settings)
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    return config


if __name__ == "__main__":
    target = Settings.from_env().dagster_home or (sys.argv[1] if len(sys.argv) > 1 else "")
    if not target:
        sys.exit("set DAGSTER_HOME (or pass the folder)")
    print(prepare_dagster_home(Path(target)))
