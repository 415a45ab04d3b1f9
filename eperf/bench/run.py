"""Run the pipeline stage by stage on generated sources and measure each stage (issue 9).

Stages: generate (the simulator, timed separately from the pipeline), ingest (databases, device
files, holidays), checks (Great Expectations suites and dbt data tests), transform (dbt seeds and
models), publish (the serving release), and baseline (one hand-written DuckDB query computing
the core: daily attendance codes and monthly tukin). Each stage reports wall seconds, rows
processed and the peak RSS of this process and all its children.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from eperf.bench.memory import PeakRss
from eperf.config import DBT_PROJECT_DIR, Settings

STAGES = ("generate", "ingest", "transform", "checks", "publish", "baseline")
BASELINE_SQL = Path(__file__).with_name("baseline.sql")


@dataclass
class StageResult:
    stage: str
    seconds: float
    rows: int
    peak_rss_mb: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "rows_per_second": round(self.rows_per_second)}


def measure(stage: str, work: Callable[[], int]) -> StageResult:
    with PeakRss() as rss:
        started = time.perf_counter()
        rows = work()
        seconds = time.perf_counter() - started
    return StageResult(stage, round(seconds, 2), int(rows), round(rss.peak_bytes / 2**20, 1))


def _settings(workdir: Path) -> Settings:
    return Settings.from_env({"EPERF_DATA_DIR": str(workdir)})


def _generate(settings: Settings, employees: int, months: int, seed: int) -> int:
    from simulator import SimulatorConfig, generate_sources

    summary = generate_sources(
        SimulatorConfig(
            settings.simpeg_url,
            settings.app_url,
            settings.attendance_dir,
            employees=employees,
            months=months,
            seed=seed,
        )
    )
    return sum(v for k, v in summary.row_counts.items() if k != "punch_files")


def _ingest(settings: Settings) -> int:
    from ingestion import calendar, database, punches
    from ingestion.batch import Batch
    from ingestion.contract import APP, SIMPEG

    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.warehouse)) as con:
        reports = [
            database.load_database(con, settings.simpeg_url, "simpeg", SIMPEG, Batch("simpeg")),
            database.load_database(con, settings.app_url, "app", APP, Batch("app")),
            punches.load_punches(con, settings.attendance_dir, Batch("attendance")),
        ]
        calendar.load_holidays(con, calendar.years_in_warehouse(con))
    return sum(r.totals["rows_in"] for r in reports)


def _dbt(settings: Settings, *args: str) -> None:
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, **settings.as_env()}
    result = subprocess.run(
        [
            str(dbt),
            *args,
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(settings.data_dir / "dbt_target"),
        ],
        cwd=DBT_PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{result.stdout[-4000:]}")


def _mart_rows(settings: Settings) -> int:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return (
            con.execute(
                "select sum(estimated_size) from duckdb_tables() where schema_name = 'marts'"
            ).fetchone()[0]
            or 0
        )


def _transform(settings: Settings) -> int:
    _dbt(settings, "seed")
    _dbt(settings, "run")
    return _mart_rows(settings)


def _checks(settings: Settings) -> int:
    from data_quality.suites import SUITES
    from data_quality.validate import validate_table

    rows = 0
    with duckdb.connect(str(settings.warehouse)) as con:
        for suite in SUITES:
            rows += validate_table(con, suite).element_count
    _dbt(settings, "test", "--exclude-resource-type", "unit_test")
    return rows


def _publish(settings: Settings) -> int:
    from eperf import serving

    manifest = serving.publish(
        settings.warehouse, settings.serving_dir, uuid.uuid4().hex, settings.rule_set
    )
    return sum(manifest["row_counts"].values())


def _baseline(settings: Settings) -> int:
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute(f"create or replace temp table baseline as {BASELINE_SQL.read_text()}")
        return con.execute("select count(*) from baseline").fetchone()[0]


def run_bench(
    employees: int, months: int, workdir: Path, stages: tuple[str, ...] = STAGES, seed: int = 42
) -> list[StageResult]:
    settings = _settings(workdir)
    work = {
        "generate": lambda: _generate(settings, employees, months, seed),
        "ingest": lambda: _ingest(settings),
        "transform": lambda: _transform(settings),
        "checks": lambda: _checks(settings),
        "publish": lambda: _publish(settings),
        "baseline": lambda: _baseline(settings),
    }
    return [measure(stage, work[stage]) for stage in STAGES if stage in stages]
