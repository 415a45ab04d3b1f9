"""The same sources in SQLite, PostgreSQL and MariaDB land as the same raw rows and build the same
marts. Uses the real servers on this machine (started by .ci/run when down)."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from simulator import SimulatorConfig, generate_sources
from tests.conftest import run_eperf

pytestmark = pytest.mark.services

PG_ADMIN = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
MARIADB_ADMIN = "mysql+pymysql://root@127.0.0.1:3306/"
# Where and when a row was loaded, not what it holds; file_mtime_ns is when each run of the
# generator wrote its device files (the manifest keeps it to skip unchanged files).
LINEAGE = {"_batch_id", "_ingested_at", "_row_number", "batch_id", "ingested_at", "file_mtime_ns"}


def _server_available(url: str) -> bool:
    try:
        engine = sa.create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except sa.exc.OperationalError:
        return False


def _create_databases(kind: str, names: list[str]) -> list[str]:
    admin = PG_ADMIN if kind == "postgresql" else MARIADB_ADMIN
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in names:
            conn.execute(sa.text(f"drop database if exists {name}"))
            conn.execute(sa.text(f"create database {name}"))
    engine.dispose()
    if kind == "postgresql":
        return [f"postgresql+psycopg2://postgres@127.0.0.1:5432/{n}" for n in names]
    return [f"mysql+pymysql://root@127.0.0.1:3306/{n}" for n in names]


def _drop_databases(kind: str, names: list[str]) -> None:
    admin = PG_ADMIN if kind == "postgresql" else MARIADB_ADMIN
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in names:
            conn.execute(sa.text(f"drop database if exists {name}"))
    engine.dispose()


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """Build the pipeline over the same generated sources held by each engine."""
    if not (_server_available(PG_ADMIN) and _server_available(MARIADB_ADMIN)):
        pytest.fail("PostgreSQL and MariaDB must run on 127.0.0.1 (bash .ci/run starts them)")
    root = tmp_path_factory.mktemp("engines")
    suffix = uuid.uuid4().hex[:8]
    names = [f"eperf_simpeg_{suffix}", f"eperf_app_{suffix}"]
    urls = {
        "sqlite": [f"sqlite:///{root / 'simpeg.sqlite'}", f"sqlite:///{root / 'app.sqlite'}"],
        "postgresql": _create_databases("postgresql", names),
        "mysql": _create_databases("mysql", names),
    }
    warehouses = {}
    try:
        for kind, (simpeg_url, app_url) in urls.items():
            attendance = root / f"attendance-{kind}"
            generate_sources(
                SimulatorConfig(
                    simpeg_url=simpeg_url,
                    app_url=app_url,
                    attendance_dir=attendance,
                    employees=40,
                    months=1,
                    start_period="2025-03",
                    seed=5,
                )
            )
            env = {
                "EPERF_DATA_DIR": str(root / f"data-{kind}"),
                "EPERF_SIMPEG_URL": simpeg_url,
                "EPERF_APP_URL": app_url,
                "EPERF_ATTENDANCE_DIR": str(attendance),
                "DAGSTER_HOME": str(root / f"dagster-{kind}"),
            }
            Path(env["DAGSTER_HOME"]).mkdir()
            result = run_eperf(["run"], env)
            assert result.returncode == 0, (kind, result.stdout[-3000:], result.stderr[-3000:])
            warehouses[kind] = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"
        yield warehouses
    finally:
        _drop_databases("postgresql", names)
        _drop_databases("mysql", names)


def _tables(con, schema: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ? order by 1",
            [schema],
        ).fetchall()
    ]


def _rows(con, schema: str, table: str) -> list[tuple]:
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = ? "
            "and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
    ]
    keep = ", ".join(c for c in columns if c not in LINEAGE)
    return con.execute(f"select {keep} from {schema}.{table} order by all").fetchall()


@pytest.mark.parametrize("kind", ["postgresql", "mysql"])
@pytest.mark.parametrize("schema", ["raw", "marts"])
def test_engine_gives_the_same_rows_as_sqlite(engines, kind, schema):
    with (
        duckdb.connect(str(engines["sqlite"]), read_only=True) as ref,
        duckdb.connect(str(engines[kind]), read_only=True) as other,
    ):
        tables = [
            t
            for t in _tables(ref, schema)
            if t not in ("ingestion_watermark", "quarantine", "data_quality_results")
        ]
        assert tables and tables == [t for t in _tables(other, schema) if t in tables]
        for table in tables:
            expected = _rows(ref, schema, table)
            assert _rows(other, schema, table) == expected, f"{kind} {schema}.{table}"
        # the comparison means something: the core tables are filled
        core = {"raw": "attendance__punch", "marts": "fct_employee_monthly"}[schema]
        assert len(_rows(ref, schema, core)) >= 30  # 40 employees x 1 month
