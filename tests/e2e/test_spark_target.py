"""The same dbt project on Apache Spark: `dbt build --target spark` on the hand-computed
sources of tests/e2e/tiny_sources.py must build every model, pass every data test and unit test,
and give marts row-for-row equal to the DuckDB build of the same sources.

The DuckDB side is the real pipeline (`eperf run`: ingestion, quarantine, Dagster, dbt); its raw
tables are landed as Parquet with `eperf land-parquet`, and dbt-spark (session method, a local
Spark on Java 17) registers them as external tables before building (macros/spark_adapter.sql).
Needs the `spark` extra: `make test-spark`.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import duckdb
import pytest

from eperf.config import run_dbt
from tests.conftest import run_eperf

pytestmark = [pytest.mark.spark, pytest.mark.slow]

MARTS = [
    "dim_date",
    "dim_employee",
    "dim_org_unit",
    "fct_attendance_daily",
    "fct_discipline_referral",
    "fct_employee_monthly",
    "fct_integrity_flags",
    "fct_promotion_eligibility",
    "fct_staffing_adequacy",
    "fct_staffing_projection",
    "fct_tukin_adjustments",
    "fct_tukin_lines",
    "fct_unit_monthly",
    "rpt_rb_indicators",
]
CORE_MARTS = ["fct_employee_monthly", "fct_attendance_daily", "fct_tukin_lines", "fct_unit_monthly"]


@pytest.fixture(scope="module")
def spark_build(tiny_pipeline, tmp_path_factory):
    """Land the tiny pipeline's raw tables as Parquet, then `dbt build --target spark` on them."""
    root = tmp_path_factory.mktemp("spark")
    env = {**tiny_pipeline.settings.as_env(), "EPERF_DATA_DIR": str(root)}
    landed = run_eperf(["land-parquet"], env)
    assert landed.returncode == 0, landed.stdout + landed.stderr
    raw_dir = root / "spark" / "raw"
    assert (raw_dir / "attendance__punch" / "data.parquet").exists(), landed.stdout

    target = root / "target"
    started = time.perf_counter()
    result = run_dbt(
        "build",
        "--target",
        "spark",
        "--log-path",
        str(root / "logs"),
        target_path=target,
        env={**os.environ, **env},
        timeout=2400,
    )
    seconds = time.perf_counter() - started
    print(f"dbt build --target spark: {seconds:.1f} s")
    assert result.returncode == 0, result.stdout[-8000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {"root": root, "results": results, "seconds": seconds}


def test_every_node_builds_and_passes_on_spark(spark_build):
    by_kind: dict[str, list[str]] = {}
    for r in spark_build["results"]:
        kind = r["unique_id"].split(".")[0]
        by_kind.setdefault(kind, []).append(r["status"])
    assert len(by_kind["model"]) >= 50, by_kind.keys()
    assert len(by_kind["seed"]) >= 18
    assert len(by_kind["unit_test"]) >= 19
    assert len(by_kind["test"]) >= 150
    assert set(by_kind["model"]) | set(by_kind["seed"]) == {"success"}
    assert set(by_kind["test"]) | set(by_kind["unit_test"]) == {"pass"}


def _data_files(folder: Path) -> str:
    """The Spark table's data files (part-*, no extension; hidden .crc files left out) as a
    DuckDB list literal, or '' when the table has none."""
    files = sorted(p.as_posix() for p in folder.glob("part-*"))
    return "[" + ", ".join(f"'{f}'" for f in files) + "]" if files else ""


def _differences(con: duckdb.DuckDBPyConnection, mart: str, spark_files: str) -> tuple[int, int]:
    """Rows of the DuckDB mart missing from the Spark one and the reverse (multisets)."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = 'wh' and table_schema = 'marts' and table_name = ? "
        "order by ordinal_position",
        [mart],
    ).fetchall()
    # Spark's copy in the DuckDB types: Spark writes UTC-adjusted timestamps (its session is UTC)
    # and has no time type ('HH:MM:SS' text), so each column is cast to the DuckDB column's type.
    spark_columns = ", ".join(
        f'cast(cast("{name}" as timestamptz) as timestamp) as "{name}"'
        if kind == "TIMESTAMP"
        else f'cast("{name}" as {kind}) as "{name}"'
        for name, kind in columns
    )
    names = ", ".join(f'"{name}"' for name, _ in columns)
    duck = f"select {names} from wh.marts.{mart}"
    spark = f"select {spark_columns} from read_parquet({spark_files})"
    only_duck = con.execute(f"select count(*) from ({duck} except all {spark})").fetchone()[0]
    only_spark = con.execute(f"select count(*) from ({spark} except all {duck})").fetchone()[0]
    return only_duck, only_spark


@pytest.mark.parametrize("mart", MARTS)
def test_mart_equals_the_duckdb_build(spark_build, tiny_pipeline, mart):
    folder = spark_build["root"] / "spark" / "warehouse" / "marts.db" / mart
    files = _data_files(folder)
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"attach '{tiny_pipeline.settings.warehouse}' as wh (read_only)")
        duck_rows = con.execute(f"select count(*) from wh.marts.{mart}").fetchone()[0]
        if not files:
            # Spark writes no data file for an empty table: the DuckDB mart must be empty too.
            assert folder.is_dir(), f"no Spark table folder {folder}"
            assert duck_rows == 0, f"{mart}: {duck_rows} DuckDB rows, Spark table empty"
            return
        spark_rows = con.execute(f"select count(*) from read_parquet({files})").fetchone()[0]
        assert spark_rows == duck_rows, f"{mart}: Spark {spark_rows} rows, DuckDB {duck_rows}"
        only_duck, only_spark = _differences(con, mart, files)
    assert (only_duck, only_spark) == (0, 0), (
        f"{mart}: {only_duck} DuckDB rows not in Spark, {only_spark} Spark rows not in DuckDB"
    )
    if mart in CORE_MARTS:
        assert duck_rows > 0, f"{mart} is empty: the comparison would prove nothing"
