"""Run the project's dbt (the one beside this Python) from a test, on the given settings."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from eperf.config import DBT_PROJECT_DIR, dbt_executable


def run_dbt(*args: str, env: dict[str, str], target_path: Path) -> subprocess.CompletedProcess:
    """``dbt <args>`` in the project folder with its profiles and ``target_path`` as target."""
    return subprocess.run(
        [
            dbt_executable(),
            *args,
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target_path),
        ],
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
