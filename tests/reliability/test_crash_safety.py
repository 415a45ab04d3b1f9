"""Crash safety and overlapping runs, with real ``eperf run`` child processes.

One set of generated sources (the simulator with every defect kind planted) is run twice:

* **reference**: an uninterrupted run, with a second run started while it holds the lock (it
  must refuse cleanly and touch nothing);
* **crashed**: runs SIGKILLed (the whole process group, dbt included) during ingestion, during the
  dbt build and during publication, then one normal run.

The crashed warehouse must end with published marts identical row for row to the reference, the
same raw rows and quarantine (no row lost, none twice), and the release readers see must stay the
last good one, intact, until the final run replaces it.

Kill points: ``EPERF_PAUSE_AT`` (eperf.faults) pauses ingestion and publication at a named point;
the dbt build is caught by polling Dagster's event log for the first dbt model materialised.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from eperf import serving
from eperf.config import REPO_ROOT
from simulator import SimulatorConfig, generate_sources
from tests.conftest import release_files, source_env

pytestmark = pytest.mark.slow

START_TIMEOUT = 420  # seconds for a run to reach its kill point on a loaded 2-core machine
RUN_TIMEOUT = 900
LINEAGE = {"_batch_id", "_ingested_at", "batch_id", "ingested_at"}
# Per-run bookkeeping, not data: check results are appended per run, watermark times are stamps.
SKIPPED_RAW = {"data_quality_results"}
EXTRA_LINEAGE = {
    "ingestion_watermark": {"updated_at"},
    "quarantine": {"resolved_at", "resolved_batch_id"},
}
# Published marts that carry a load's lineage (the data team's list of quarantined rows).
MART_LINEAGE = {
    "fct_quarantined_rows": ("batch_id", "ingested_at", "quarantined_on", "resolved_at")
}


def _start(env: dict[str, str], log: Path, extra: dict[str, str] | None = None) -> subprocess.Popen:
    """``eperf run`` in its own process group (so the kill takes dbt with it)."""
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "eperf.cli", "run"],
        env={**os.environ, **env, **(extra or {})},
        cwd=REPO_ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_for(condition, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not condition():
        if proc.poll() is not None:
            pytest.fail(
                f"run ended (rc {proc.returncode}) before {what}:\n{log.read_text()[-4000:]}"
            )
        if time.monotonic() > deadline:
            _kill(proc)
            pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")
        time.sleep(0.2)


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the run and every process it started; none may survive."""
    group = [proc.pid, *(c.pid for c in psutil.Process(proc.pid).children(recursive=True))]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while any(psutil.pid_exists(p) and psutil.Process(p).status() != "zombie" for p in group):
        assert time.monotonic() < deadline, "a process of the killed run survived"
        time.sleep(0.1)


def _dbt_model_materialised(dagster_home: Path) -> bool:
    """True once Dagster has recorded a dbt staging model as built in a run of this instance."""
    for db in (dagster_home / "history" / "runs").glob("*.db"):
        if db.name in ("index.db", "runs.db"):
            continue
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                (n,) = con.execute(
                    "select count(*) from event_logs where dagster_event_type = "
                    "'ASSET_MATERIALIZATION' and asset_key like '%stg_%'"
                ).fetchone()
        except sqlite3.Error:
            continue
        if n:
            return True
    return False


def _rows_digest(rows: list[tuple]) -> tuple[int, str]:
    digest = hashlib.sha256()
    for row in sorted(rows, key=repr):
        digest.update(repr(row).encode())
    return len(rows), digest.hexdigest()


def _published_marts(serving_dir: Path) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every published mart in the current release."""
    release = serving.current_release_dir(serving_dir)
    assert release is not None
    with duckdb.connect() as con:
        return {
            mart: _rows_digest(
                con.execute(
                    f"select * {_exclude(MART_LINEAGE.get(mart))} from read_parquet(?)",
                    [serving.mart_source(release, mart)],
                ).fetchall()
            )
            for mart in serving.PUBLISHED_MARTS
        }


def _exclude(columns: tuple[str, ...] | None) -> str:
    return f"exclude ({', '.join(columns)})" if columns else ""


def _raw_tables(warehouse: Path) -> dict[str, list[tuple]]:
    """Every raw table's rows without per-run lineage (batch ids, ingestion times)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' order by 1"
            ).fetchall()
            if t not in SKIPPED_RAW
        ]
        out = {}
        for table in tables:
            drop = LINEAGE | EXTRA_LINEAGE.get(table, set())
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = "
                    "'raw' and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if c not in drop
            ]
            out[table] = sorted(
                con.execute(f"select {', '.join(columns)} from raw.{table}").fetchall(), key=repr
            )
        return out


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crash_sources")
    env = source_env(root)
    generate_sources(
        SimulatorConfig(
            simpeg_url=env["EPERF_SIMPEG_URL"],
            app_url=env["EPERF_APP_URL"],
            attendance_dir=Path(env["EPERF_ATTENDANCE_DIR"]),
            employees=40,
            months=1,
            start_period="2025-01",
            seed=3,
            defect_rate=0.02,
        )
    )
    return root


def _env(sources: Path, root: Path) -> dict[str, str]:
    env = source_env(sources)
    env["EPERF_DATA_DIR"] = str(root / "data")
    env["DAGSTER_HOME"] = str(root / "dagster_home")
    Path(env["DAGSTER_HOME"]).mkdir(parents=True)
    return env


@pytest.fixture(scope="module")
def reference(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An uninterrupted run; a second run is started while the first holds the lock."""
    root = tmp_path_factory.mktemp("reference")
    env = _env(sources, root)
    lock = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb.lock"
    first = _start(env, root / "first.log")
    _wait_for(lambda: lock.exists() and lock.stat().st_size > 0, first, root / "first.log", "lock")
    second = subprocess.run(
        [sys.executable, "-m", "eperf.cli", "run"],
        env={**os.environ, **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    first.wait(timeout=RUN_TIMEOUT)
    data = Path(env["EPERF_DATA_DIR"])
    return {
        "env": env,
        "first_rc": first.returncode,
        "first_log": (root / "first.log").read_text(),
        "first_pid": first.pid,
        "second": second,
        "marts": _published_marts(data / "serving") if first.returncode == 0 else None,
        "raw": _raw_tables(data / "warehouse.duckdb") if first.returncode == 0 else None,
    }


def test_a_run_started_during_another_refuses_cleanly(reference: dict) -> None:
    assert reference["first_rc"] == 0, reference["first_log"][-4000:]
    second = reference["second"]
    assert second.returncode == 3, second.stdout + second.stderr
    assert "eperf run refused: another run holds the warehouse lock" in second.stderr
    assert f"pid {reference['first_pid']}" in second.stderr
    assert "Traceback" not in second.stderr
    # The first run's warehouse and release are whole: every mart published, raw reconciled.
    assert set(reference["marts"]) == set(serving.PUBLISHED_MARTS)
    assert reference["marts"]["fct_employee_monthly"][0] > 0
    assert reference["raw"]["quarantine"], "the planted defects must be quarantined"


def test_killed_runs_recover_to_the_uninterrupted_result(
    reference: dict, sources: Path, tmp_path: Path
) -> None:
    assert reference["first_rc"] == 0, reference["first_log"][-4000:]
    env = _env(sources, tmp_path)
    data = Path(env["EPERF_DATA_DIR"])
    serving_dir, warehouse = data / "serving", data / "warehouse.duckdb"
    # The last good release readers are served: a copy of the reference publication.
    shutil.copytree(Path(reference["env"]["EPERF_DATA_DIR"]) / "serving", serving_dir)
    served = release_files(serving_dir)
    marker = tmp_path / "paused"
    pause = {"EPERF_PAUSE_MARKER": str(marker)}

    # 1. Killed inside the attendance load's transaction (old punches deleted, new inserted).
    run = _start(env, tmp_path / "ingest.log", {**pause, "EPERF_PAUSE_AT": "ingest"})
    _wait_for(marker.exists, run, tmp_path / "ingest.log", "the ingest pause point")
    assert release_files(serving_dir) == served
    _kill(run)
    assert release_files(serving_dir) == served
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # Rolled back as a whole: no punch, no manifest entry, no attendance quarantine row.
        assert con.execute("select count(*) from raw.attendance__punch").fetchone() == (0,)
        assert con.execute("select count(*) from raw.attendance__file_manifest").fetchone() == (0,)
        assert con.execute(
            "select count(*) from raw.quarantine where source = 'attendance'"
        ).fetchone() == (0,)

    # 2. Killed during the dbt build (dbt is a child process: it dies with the group).
    run = _start(env, tmp_path / "dbt.log")
    _wait_for(
        lambda: _dbt_model_materialised(Path(env["DAGSTER_HOME"])),
        run,
        tmp_path / "dbt.log",
        "the dbt build",
    )
    assert release_files(serving_dir) == served
    _kill(run)
    assert release_files(serving_dir) == served

    # 3. Killed during publication: half the new release's files written, CURRENT not moved.
    marker.unlink()
    run = _start(env, tmp_path / "publish.log", {**pause, "EPERF_PAUSE_AT": "publish"})
    _wait_for(marker.exists, run, tmp_path / "publish.log", "the publish pause point")
    staging = list((serving_dir / serving.RELEASES).glob(".*.tmp"))
    assert len(staging) == 1 and list(staging[0].glob("*.parquet"))
    assert release_files(serving_dir) == served
    _kill(run)
    assert release_files(serving_dir) == served

    # 4. The next run completes and publishes what an uninterrupted run publishes.
    final = _start(env, tmp_path / "final.log")
    final.wait(timeout=RUN_TIMEOUT)
    assert final.returncode == 0, (tmp_path / "final.log").read_text()[-4000:]
    assert "stale run lock found" in (tmp_path / "final.log").read_text()
    release_id, _ = release_files(serving_dir)
    assert release_id != served[0]
    assert not list((serving_dir / serving.RELEASES).glob(".*.tmp"))  # the torn one is gone
    assert _published_marts(serving_dir) == reference["marts"]
    raw = _raw_tables(warehouse)
    assert raw.keys() == reference["raw"].keys()
    for table, rows in raw.items():
        assert rows == reference["raw"][table], table  # no row lost, none twice
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(
            "select count(*) from (select source, source_object, row_number, reason, raw_text "
            "from raw.quarantine group by all having count(*) > 1)"
        ).fetchone() == (0,)
