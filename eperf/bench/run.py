"""Run the pipeline stage by stage on generated sources and measure each stage.

Stages: generate (the simulator, timed separately from the pipeline), ingest (databases, device
files, holidays), its two read floors on the same sources (eperf/bench/floor.py: floor_app_scan,
the scanner's plain copy of both databases; floor_device_parse, pyarrow's bulk parse of the
device files), transform (dbt seeds and models), checks (Great Expectations suites and dbt
data tests), publish (the serving release), baseline (one hand-written DuckDB query computing
the core: daily attendance codes and monthly tukin), resent_day (the newest workday's file of
every device sent again, its punches in another order, then the two runs the device-export
sensor starts for that day through Dagster: the day's attendance partition and its month's
scoring partition; on generated sources, the last day of the last full month) and incremental
(one new day of device files on top of the history, then the same two runs).
Each stage reports wall seconds, rows processed, the peak RSS of this process and all its
children, and the machine's 1-minute load average when it started and ended (the machine is
shared, so a figure means little without it).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from eperf.bench.memory import PeakRss
from eperf.bench.report import core_seconds, node_timings
from eperf.config import DBT_PROJECT_DIR, Settings, run_dbt, scoped_environment

if TYPE_CHECKING:
    from eperf.bench.new_day import NewDay

# The floors run after the ingest, so the ingest reads the sources as it would without them.
STAGES = (
    "generate",
    "ingest",
    "floor_app_scan",
    "floor_device_parse",
    "transform",
    "checks",
    "publish",
    "baseline",
    "resent_day",
    "incremental",
)
BASELINE_SQL = Path(__file__).with_name("baseline.sql")


@dataclass
class StageResult:
    stage: str
    seconds: float
    rows: int
    peak_rss_mb: float
    load_start: float = 0.0
    load_end: float = 0.0
    detail: dict = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "rows_per_second": round(self.rows_per_second)}


def measure(stage: str, work: Callable[[], int | tuple[int, dict]]) -> StageResult:
    """Run one stage; ``work`` returns its rows, or its rows and details for the JSON."""
    load_start = os.getloadavg()[0]
    with PeakRss() as rss:
        started = time.perf_counter()
        outcome = work()
        seconds = time.perf_counter() - started
    rows, detail = outcome if isinstance(outcome, tuple) else (outcome, {})
    return StageResult(
        stage,
        round(seconds, 2),
        int(rows),
        round(rss.peak_bytes / 2**20, 1),
        round(load_start, 2),
        round(os.getloadavg()[0], 2),
        detail,
    )


def _settings(workdir: Path) -> Settings:
    """This process's settings with the data (sources, warehouse, serving copy) in ``workdir``."""
    return Settings.from_env().located_at(workdir)


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


def _ingest(settings: Settings) -> tuple[int, dict]:
    """Load every source into a new warehouse; rows: the rows and punch lines read (as its
    floors count them), with the count per source."""
    from ingestion import calendar, database, punches
    from ingestion.batch import Batch
    from ingestion.contract import APP, SIMPEG

    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    # A full load every time: over an earlier bench's warehouse it would only find no changes.
    for leftover in (
        settings.warehouse,
        settings.warehouse.with_name(settings.warehouse.name + ".wal"),
    ):
        leftover.unlink(missing_ok=True)
    with duckdb.connect(str(settings.warehouse)) as con:
        reports = [
            database.load_database(con, settings.simpeg_url, "simpeg", SIMPEG, Batch("simpeg")),
            database.load_database(con, settings.app_url, "app", APP, Batch("app")),
            punches.load_punches(con, settings.attendance_dir, Batch("attendance")),
        ]
        calendar.load_holidays(con, calendar.years_in_warehouse(con))
    # Per loaded object only: the punch report's rows_in also holds its counts of files.
    read = {
        r.source: sum(n for obj, n in r.rows_in.items() if obj in r.rows_loaded) for r in reports
    }
    return sum(read.values()), {"rows_in": read}


def _dbt(settings: Settings, *args: str) -> dict:
    """Run dbt on the bench's warehouse; returns the timing summary of its run_results.json."""
    target = settings.data_dir / "dbt_target"
    result = run_dbt(*args, target_path=target, env={**os.environ, **settings.as_env()})
    if result.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{result.stdout[-4000:]}")
    run_results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    timings = node_timings(run_results)
    manifest = target / "manifest.json"
    if manifest.exists():
        parents = json.loads(manifest.read_text(encoding="utf-8")).get("parent_map", {})
        timings["core_node_seconds"] = core_seconds(run_results, parents)
    return timings


def _mart_rows(settings: Settings) -> int:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return (
            con.execute(
                "select sum(estimated_size) from duckdb_tables() where schema_name = 'marts'"
            ).fetchone()[0]
            or 0
        )


def _transform(settings: Settings) -> tuple[int, dict]:
    """Seeds and models in one dbt invocation (as the pipeline's ``dbt build``), tests apart;
    recorded as the pipeline records a build of every period, so the day stages after it build
    what changed since, as the pipeline's next runs would."""
    from eperf import build_inputs

    nodes = _dbt(
        settings, "build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"
    )
    manifest = json.loads((settings.data_dir / "dbt_target" / "manifest.json").read_text("utf-8"))
    with duckdb.connect(str(settings.warehouse)) as con:
        digests = build_inputs.build_digests(
            con, manifest, DBT_PROJECT_DIR, settings.rule_set, None
        )
        build_inputs.record_build(con, None, digests, f"bench-{uuid.uuid4().hex}")
    return _mart_rows(settings), {"dbt_build": nodes}


def _checks(settings: Settings) -> tuple[int, dict]:
    from data_quality.suites import SUITES
    from data_quality.validate import validate_table

    rows = 0
    started = time.perf_counter()
    with duckdb.connect(str(settings.warehouse)) as con:
        for suite in SUITES:
            rows += validate_table(con, suite).element_count
    gx_seconds = round(time.perf_counter() - started, 2)
    tests = _dbt(settings, "test", "--exclude-resource-type", "unit_test")
    return rows, {"gx_seconds": gx_seconds, "dbt_test": tests}


def _publish(settings: Settings) -> int:
    from eperf import serving

    manifest = serving.publish(
        settings.warehouse, settings.serving_dir, uuid.uuid4().hex, settings.rule_set
    )
    return sum(manifest["row_counts"].values())


def _baseline(settings: Settings) -> int:
    from ingestion.limits import bound_memory

    with duckdb.connect(str(settings.warehouse)) as con:
        bound_memory(con, settings)  # the same memory and settings as the dbt profile
        con.execute(f"create or replace temp table baseline as {BASELINE_SQL.read_text()}")
        return con.execute("select count(*) from baseline").fetchone()[0]


def _incremental(settings: Settings) -> tuple[int, dict]:
    """Add the next workday's device files, then run what the device-export sensor starts for
    one changed day. Rows: the new day's punch lines."""
    from eperf.bench.new_day import add_next_day

    return _day_run(settings, "incremental", add_next_day(settings.attendance_dir, _holidays()))


def _resent_day(settings: Settings) -> tuple[int, dict]:
    """Send the newest workday's file of every device again (the same punches, the lines in another
    order: every file is read, checked and merged anew), then run what the device-export sensor
    starts for that day. Rows: the day's punch lines."""
    from eperf.bench.new_day import resend_workday

    return _day_run(settings, "resent", resend_workday(settings.attendance_dir, _holidays()))


def _holidays() -> set:
    """Public holidays and cuti bersama of every year the bench may generate (not workdays)."""
    from ingestion.calendar import indonesian_holidays

    return {d for d, _ in indonesian_holidays(range(2000, 2100))}


def _day_run(settings: Settings, name: str, changed: NewDay) -> tuple[int, dict]:
    """The two runs the device-export sensor starts for one changed day, through Dagster: the
    attendance run of that day's partition, then the scoring run of its month (dbt on the
    month's window, checks, publication). The dbt events that dagster-dbt echoes go to
    ``<name>-<day>.log`` in the data folder, not among the bench's figures."""
    from eperf.periods import period_of
    from eperf.pipeline import run_pipeline

    # run_pipeline points the environment at this warehouse; put back as it was afterwards.
    with scoped_environment():
        day, period = changed.day.isoformat(), period_of(changed.day)
        log = settings.data_dir / f"{name}-{day}.log"
        with log.open("w") as echoed, contextlib.redirect_stdout(echoed):
            result = run_pipeline(settings, window=(period, period), days=(day, day))
        steps = _step_seconds(result.run_ids)
    if not result.success:
        raise RuntimeError(
            f"{name} day run failed: steps {result.failed_steps}, checks {result.failed_checks}"
        )
    detail = {
        "day": day,
        "files": changed.files,
        "run_id": result.run_id,
        "log": str(log),
        "step_seconds": steps,
        **_run_dbt_timings(result.run_id),
    }
    return changed.punches, detail


def _run_dbt_timings(run_id: str) -> dict:
    """The dbt node timings of a Dagster run, as ``dbt_build`` (from the run_results.json that
    dagster-dbt leaves in the project's ``target/<op>-<run id[:7]>-<uuid>/``), or nothing."""
    from orchestration.defs.transform.parse_state import project_target_path

    target = project_target_path(DBT_PROJECT_DIR)
    found = sorted(target.glob(f"*-{run_id[:7]}-*/run_results.json"))
    if not found:
        return {}
    return {"dbt_build": node_timings(json.loads(found[-1].read_text(encoding="utf-8")))}


def _step_seconds(run_ids: list[str]) -> dict[str, float]:
    """Wall seconds of each step of the day's Dagster runs (ingestion, checks, dbt,
    publication); the steps of a run before the last are named ``<job>: <step>``."""
    import dagster as dg

    seconds = {}
    with dg.DagsterInstance.get() as instance:
        for run_id in run_ids:
            prefix = "" if run_id == run_ids[-1] else f"{instance.get_run_by_id(run_id).job_name}: "
            stats = instance.get_run_step_stats(run_id)
            seconds |= {
                f"{prefix}{s.step_key}": round(s.end_time - s.start_time, 2)
                for s in sorted(stats, key=lambda s: s.start_time or 0)
                if s.start_time and s.end_time
            }
    return seconds


def run_bench(
    employees: int,
    months: int,
    workdir: Path,
    stages: tuple[str, ...] = STAGES,
    seed: int = 42,
    on_result: Callable[[StageResult], None] | None = None,
) -> list[StageResult]:
    """Run the chosen stages (always in pipeline order) on ``workdir``; a stage left out reuses
    what an earlier bench left there (e.g. sources generated once). ``on_result`` sees each
    stage's figures as soon as it ends."""
    from eperf.bench import floor

    settings = _settings(workdir)
    work = {
        "generate": lambda: _generate(settings, employees, months, seed),
        "ingest": lambda: _ingest(settings),
        "floor_app_scan": lambda: floor.in_child("app_scan", workdir),
        "floor_device_parse": lambda: floor.in_child("device_parse", workdir),
        "transform": lambda: _transform(settings),
        "checks": lambda: _checks(settings),
        "publish": lambda: _publish(settings),
        "baseline": lambda: _baseline(settings),
        "incremental": lambda: _incremental(settings),
        "resent_day": lambda: _resent_day(settings),
    }
    results = []
    for stage in (s for s in STAGES if s in stages):
        results.append(measure(stage, work[stage]))
        if on_result:
            on_result(results[-1])
    return results
