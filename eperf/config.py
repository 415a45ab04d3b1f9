"""Runtime configuration, read from the environment (see ../shared/contract/SOURCES.md).

Every setting has an embedded default under ``EPERF_DATA_DIR`` (``./data``) so the demo runs with
no configuration; production points the variables at the real sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ingestion.source_url import installed_driver_url

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


@dataclass(frozen=True)
class Settings:
    """Where the sources, the warehouse and the serving copy live."""

    data_dir: Path
    simpeg_url: str
    app_url: str
    attendance_dir: Path
    warehouse: Path
    serving_dir: Path
    rule_set: str
    # Share of a table's rows rejected into quarantine above which the source counts as broken
    # and publication stops, judged over at least this many rows (data_quality/rejected_share.py)
    quarantine_block_share: float = 0.01
    quarantine_min_rows: int = 100

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("EPERF_DATA_DIR", "data")).resolve()
        sources = data_dir / "sources"
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
        )

    def as_env(self) -> dict[str, str]:
        """The settings as environment variables, for child processes (dbt, Dagster, Streamlit)."""
        return {
            "EPERF_DATA_DIR": str(self.data_dir),
            "EPERF_SIMPEG_URL": self.simpeg_url,
            "EPERF_APP_URL": self.app_url,
            "EPERF_ATTENDANCE_DIR": str(self.attendance_dir),
            "EPERF_WAREHOUSE": str(self.warehouse),
            "EPERF_SERVING_DIR": str(self.serving_dir),
            "EPERF_RULE_SET": self.rule_set,
            "EPERF_QUARANTINE_BLOCK_SHARE": str(self.quarantine_block_share),
            "EPERF_QUARANTINE_MIN_ROWS": str(self.quarantine_min_rows),
        }
