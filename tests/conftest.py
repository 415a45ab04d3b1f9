"""Shared fixtures: tiny contract-conforming sources and one real pipeline run over them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from eperf import serving
from eperf.config import REPO_ROOT, Settings

# Every pipeline a test runs builds its window even when nothing changed since its last build: the
# tests re-run to prove the same result, publication under readers and recovery after a crash.
# Skipping an unchanged window is tested with this off (tests/e2e/test_pipeline_tiny.py).
os.environ.setdefault("EPERF_REBUILD_UNCHANGED", "1")


def pytest_configure(config: pytest.Config) -> None:
    """Prepare dbt's manifest once, in the process that starts the test workers (pytest-xdist),
    before any of them runs: every Dagster process would otherwise find it missing or stale and
    run ``dbt parse`` into the same target folder at the same time. A run without workers
    prepares it when it first needs it, as a user's run does."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    from orchestration.defs.transform.project import dbt_project

    dbt_project()


@dataclass(frozen=True)
class PipelineRun:
    settings: Settings
    env: dict[str, str]
    output: str


def source_env(root: Path) -> dict[str, str]:
    """Environment that points eperf at sources and a warehouse under ``root``."""
    return {
        "EPERF_DATA_DIR": str(root / "data"),
        "EPERF_SIMPEG_URL": f"sqlite:///{root / 'sources' / 'simpeg.sqlite'}",
        "EPERF_APP_URL": f"sqlite:///{root / 'sources' / 'eperformance.sqlite'}",
        "EPERF_ATTENDANCE_DIR": str(root / "sources" / "attendance"),
        "DAGSTER_HOME": str(root / "dagster_home"),
        "EPERF_REBUILD_UNCHANGED": os.environ["EPERF_REBUILD_UNCHANGED"],  # see the top
    }


def run_eperf(
    args: list[str], env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run the installed ``eperf`` command line as a user would, in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "eperf.cli", *args],
        env={**os.environ, **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def pipeline_over(
    root: Path, write_sources: Callable[[str, str, Path], None], timeout: int = 600
) -> PipelineRun:
    """``write_sources(simpeg_url, app_url, attendance_dir)`` under ``root``, then ``eperf run``."""
    env = source_env(root)
    Path(env["DAGSTER_HOME"]).mkdir()
    write_sources(env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], Path(env["EPERF_ATTENDANCE_DIR"]))
    result = run_eperf(["run"], env, timeout=timeout)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return PipelineRun(Settings.from_env(env), env, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def tiny_pipeline(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """The hand-computed January 2025 sources (tests/e2e/tiny_sources.py) after ``eperf run``."""
    from tests.e2e.tiny_sources import write_tiny_sources

    return pipeline_over(tmp_path_factory.mktemp("tiny"), write_tiny_sources)


# Preamble of a Dagster script run in a child process: the partitions and the instance are read
# from its environment, as in `eperf run`. The script ends with report({...}).
_DAGSTER_SCRIPT = """
import json, os
import dagster as dg
from eperf.config import Settings
from eperf.pipeline import dagster_home
os.environ.update(Settings.from_env().as_env())
os.environ["DAGSTER_HOME"] = dagster_home(Settings.from_env())
from orchestration.definitions import defs
def report(out):
    print("RESULT" + json.dumps(out))
"""


def run_dagster_script(body: str, env: dict[str, str], timeout: int = 1200) -> dict:
    """Run ``body`` (Python using dg, defs and report) in a child process; its report."""
    child = subprocess.run(
        [sys.executable, "-c", _DAGSTER_SCRIPT + body],
        env={**os.environ, **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "RESULT" in child.stdout, child.stdout[-2000:] + child.stderr[-4000:]
    return json.loads(child.stdout.split("RESULT", 1)[1])


def release_files(serving_dir: Path) -> tuple[str, dict[str, str]]:
    """The current release id and the SHA-256 of each file in it, folders too (what readers get)."""
    release = serving.current_release_dir(serving_dir)
    assert release is not None
    return release.name, {
        p.relative_to(release).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(release.rglob("*"))
        if p.is_file()
    }
