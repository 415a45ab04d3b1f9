"""Instance storage on PostgreSQL (EPERF_DAGSTER_PG_URL): a real run's records land there.

Uses the PostgreSQL server on 127.0.0.1:5432 with a database of its own, created and dropped here.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg2
import pytest

from orchestration.instance import PG_URL_VAR
from tests.conftest import run_dagster_script, source_env
from tests.e2e.tiny_sources import write_tiny_sources

pytestmark = [pytest.mark.services, pytest.mark.slow]

SERVER = "postgresql+psycopg2://postgres@127.0.0.1:5432"

ONE_DAY = """
with dg.DagsterInstance.get() as instance:
    result = defs().resolve_job_def("ingest_attendance_daily").execute_in_process(
        instance=instance, partition_key="2025-01-02")
    report({"run_id": result.run_id, "storage": type(instance.run_storage).__name__})
"""


def _connect(url: str):
    return psycopg2.connect(url.replace("+psycopg2", ""))


def _admin(sql: str) -> None:
    con = _connect(SERVER + "/postgres")
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(sql)
    finally:
        con.close()


@pytest.fixture
def dagster_database():
    name = f"eperf_dagster_{uuid.uuid4().hex[:12]}"
    _admin(f'create database "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        _admin(f'drop database if exists "{name}" with (force)')


def test_a_run_is_recorded_in_postgresql(tmp_path, dagster_database):
    env = source_env(tmp_path) | {PG_URL_VAR: dagster_database}
    write_tiny_sources(
        env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], Path(env["EPERF_ATTENDANCE_DIR"])
    )
    out = run_dagster_script(ONE_DAY, env, timeout=900)
    assert out["storage"] == "PostgresRunStorage"
    config = (Path(env["DAGSTER_HOME"]) / "dagster.yaml").read_text(encoding="utf-8")
    assert dagster_database not in config  # the file names the variable, not the URL
    con = _connect(dagster_database)
    try:
        with con.cursor() as cur:
            cur.execute("select status from runs where run_id = %s", [out["run_id"]])
            assert cur.fetchall() == [("SUCCESS",)]
            cur.execute(
                "select count(*) from event_logs where run_id = %s "
                "and dagster_event_type = 'ASSET_MATERIALIZATION' and partition = %s",
                [out["run_id"], "2025-01-02"],
            )
            assert cur.fetchone()[0] >= 1
    finally:
        con.close()
    assert not (Path(env["DAGSTER_HOME"]) / "history" / "runs.db").exists()  # not SQLite
