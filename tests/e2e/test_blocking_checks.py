"""A failing blocking data-quality check stops publication; readers keep the last release."""

from __future__ import annotations

from pathlib import Path

import duckdb
import sqlalchemy as sa

from eperf import serving
from tests.conftest import run_eperf, source_env
from tests.e2e.tiny_sources import write_tiny_sources


def test_unknown_leave_code_blocks_the_models_and_the_release(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    write_tiny_sources(
        env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], Path(env["EPERF_ATTENDANCE_DIR"])
    )
    first = run_eperf(["run"], env)
    assert first.returncode == 0, first.stderr[-3000:]
    serving_dir = Path(env["EPERF_DATA_DIR"]) / "serving"
    good_release = serving.release_manifest(serving_dir)["release_id"]

    engine = sa.create_engine(env["EPERF_APP_URL"])
    with engine.begin() as conn:  # a code outside the contract would change someone's pay
        conn.execute(
            sa.text("update leave_request set leave_type = 'CUTI_LIBUR' where leave_id = 1")
        )
    engine.dispose()

    second = run_eperf(["run"], env)
    assert second.returncode == 1
    assert serving.release_manifest(serving_dir)["release_id"] == good_release
    with duckdb.connect(
        str(Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"), read_only=True
    ) as con:
        latest = con.execute(
            "select success, expectation, column_name from raw.data_quality_results "
            "where suite = 'app__leave_request__contract' order by validated_at desc limit 1"
        ).fetchone()
        dbt_ran = con.execute(
            "select count(*) from marts.fct_attendance_daily where status = 'CUTI_LIBUR'"
        ).fetchone()[0]
    assert latest == (False, "expect_column_values_to_be_in_set", "leave_type")
    assert dbt_ran == 0  # the models were not rebuilt from the bad batch
