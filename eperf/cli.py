"""The ``eperf`` command: generate demo sources, run the pipeline, serve the dashboard."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from eperf import users_cli
from eperf.config import REPO_ROOT, Settings

app = typer.Typer(help="e-Performance warehouse: sources -> Dagster -> dbt/DuckDB -> dashboards.")
app.add_typer(users_cli.app, name="users")


@app.command("demo-data")
def demo_data(
    employees: int = typer.Option(2000, help="Number of employees to simulate."),
    months: int = typer.Option(3, help="Number of months to simulate."),
    start: str = typer.Option("2025-01", help="First period, YYYY-MM."),
    seed: int = typer.Option(42, help="Random seed; the same seed gives the same sources."),
    defects: float = typer.Option(
        0.0,
        "--defects",
        metavar="RATE",
        min=0.0,
        max=1.0,
        help="Plant each kind of source defect at about this rate (e.g. 0.01) and list them in "
        "defects_manifest.json next to the attendance folder; 0 writes clean sources.",
    ),
    attlog_share: float = typer.Option(
        0.0,
        "--attlog-share",
        metavar="SHARE",
        min=0.0,
        max=1.0,
        help="Share of devices that export ZKTeco attendance logs with their own short user ids "
        "and device_user enrolment; 0: every device writes the CSV export.",
    ),
) -> None:
    """Write demo sources where EPERF_SIMPEG_URL, EPERF_APP_URL and EPERF_ATTENDANCE_DIR point."""
    from simulator import SimulatorConfig, generate_sources

    settings = Settings.from_env()
    config = SimulatorConfig(
        simpeg_url=settings.simpeg_url,
        app_url=settings.app_url,
        attendance_dir=settings.attendance_dir,
        employees=employees,
        months=months,
        start_period=start,
        seed=seed,
        defect_rate=defects,
        attlog_share=attlog_share,
    )
    summary = generate_sources(config)
    for table, rows in summary.row_counts.items():
        typer.echo(f"  {table:<24} {rows:>10,}")
    if defects > 0:
        from simulator.defects import manifest_path

        typer.echo(f"defects listed in {manifest_path(settings.attendance_dir)}")
    typer.echo(f"demo sources written in {summary.seconds:.1f} s")


EXIT_LOCKED = 3  # another run holds the warehouse lock (eperf.run_lock)


@app.command("run")
def run(
    period: str = typer.Option(None, help="Rebuild only this period, YYYY-MM (a partition)."),
    period_from: str = typer.Option(None, "--from", help="First period of a backfill, YYYY-MM."),
    period_to: str = typer.Option(None, "--to", help="Last period of a backfill, YYYY-MM."),
    wait: float = typer.Option(
        0.0, "--wait", metavar="SECONDS", help="Wait this long for a run in progress to finish."
    ),
) -> None:
    """Ingest every configured source and build every mart, through Dagster, then publish.

    With --period or --from/--to only those months are recomputed (one run per job). One run at
    a time per warehouse: a second run refuses (exit 3) naming the holder, or waits.
    """
    from eperf.periods import PeriodError, cli_window
    from eperf.pipeline import run_pipeline

    try:
        window = cli_window(period, period_from, period_to)
    except PeriodError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    settings = Settings.from_env()
    started = time.perf_counter()
    with _warehouse_lock(settings, "eperf run", wait):
        try:
            result = run_pipeline(settings, window)
        except ValueError as error:  # a window outside the partitions
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from error
    seconds = time.perf_counter() - started
    for check in result.failed_checks:
        typer.echo(f"  check failed: {check}", err=True)
    for message in result.errors:
        typer.echo(f"  error: {message}", err=True)
    if not result.success:
        typer.echo(
            f"pipeline FAILED in {seconds:.1f} s (run {result.run_id}); failed steps: "
            f"{', '.join(result.failed_steps) or '-'}. The last good release stays published.",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        f"pipeline succeeded in {seconds:.1f} s: {result.materialized} assets materialized "
        f"(run {result.run_id})"
    )
    if result.build_skipped:
        typer.echo(
            "  nothing to build: what the models read is as at their last published build, so "
            "the marts and the release stay (EPERF_REBUILD_UNCHANGED=1 builds anyway)"
        )


@app.command("close")
def close(
    period: str = typer.Option(..., help="Period YYYY-MM to close as paid."),
    force: bool = typer.Option(
        False,
        "--force",
        help="Close although rows still in quarantine may have changed some employee-months "
        "(they are named, and the close is audited with their number).",
    ),
) -> None:
    """Freeze a period's pay (fct_employee_monthly, fct_tukin_lines) as paid.

    Refuses while a source row still in quarantine may have changed an employee-month of the
    period (naming them), unless --force."""
    from eperf import ledger

    settings = Settings.from_env()
    with _warehouse_lock(settings, "eperf close"):
        try:
            rows = ledger.close_and_record(
                settings, period, actor=_actor(), force=force, warn=_warn
            )
        except ledger.LedgerError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from error
        typer.echo(f"period {period} closed: {rows} employee-months frozen; publishing it")
        _rebuild_and_publish(settings, period, "closed")


@app.command("reopen")
def reopen(
    period: str = typer.Option(..., help="Closed period YYYY-MM to reopen."),
    reason: str = typer.Option(..., help="Why the paid period must be recomputed (logged)."),
) -> None:
    """Reopen a closed period (explicit, with a reason; logged in ledger.period_close_log)."""
    import duckdb

    from eperf import audit, ledger

    settings = Settings.from_env()
    with _warehouse_lock(settings, "eperf reopen"):
        with duckdb.connect(str(settings.warehouse)) as con:
            try:
                ledger.reopen_period(con, period, actor=_actor(), reason=reason)
            except ledger.LedgerError as error:
                typer.echo(str(error), err=True)
                raise typer.Exit(2) from error
        audit.record(settings.data_dir, "reopen", period, actor=_actor(), reason=reason)
        typer.echo(f"period {period} reopened; recomputing and publishing it")
        _rebuild_and_publish(settings, period, "reopened")


def _rebuild_and_publish(settings: Settings, period: str, done: str) -> None:
    """Rebuild ``period`` and publish (the run of `eperf run --period`), so the release the
    dashboards read shows at once what a close or reopen changed: the period's status
    (marts.dim_period, rebuilt in full by every run) and its frozen or recomputed pay. A failed
    run leaves the close or reopen in place and the last release published (exit 1)."""
    from eperf.pipeline import run_pipeline

    try:
        result = run_pipeline(settings, (period, period))
        failure = None if result.success else ", ".join(result.failed_steps) or "-"
    except ValueError as error:  # the period is outside the partitions
        failure = str(error)
    if failure is not None:
        typer.echo(
            f"period {period} is {done}, but its rebuild failed ({failure}): the dashboards still "
            f"show the last release; run `eperf run --period {period}` (or `eperf run`) to publish",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"period {period} published ({done})")


def _warn(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _warehouse_lock(settings: Settings, command: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the run lock for a command that writes the warehouse; exit 3 if a run holds it."""
    from eperf.run_lock import RunLocked, run_lock

    try:
        with run_lock(settings.warehouse, command, wait, log=_warn):
            yield
    except RunLocked as error:
        typer.echo(f"{command} refused: {error}", err=True)
        raise typer.Exit(EXIT_LOCKED) from error


def _actor() -> str:
    import getpass

    return Settings.from_env().user or getpass.getuser()


@app.command("export")
def export(
    period: str = typer.Option(..., help="Period YYYY-MM."),
    unit: str = typer.Option(None, help="Unit id: only that unit's subtree row."),
    fmt: str = typer.Option("xlsx", "--format", help="xlsx or csv."),
    out: str = typer.Option(
        None, help="Output file (default data/exports/indikator_rb_<period>.<fmt>)."
    ),
    promotions: bool = typer.Option(
        False,
        "--promotions",
        help="Export the decree batch instead: employees ELIGIBLE for promotion that period (R8).",
    ),
) -> None:
    """Export the reform indicators of a period (R9) with definitions and provenance; with
    --promotions, the decree batch of the employees ELIGIBLE for promotion that period (R8)."""
    from eperf.export import export_indicators, export_promotions

    settings = Settings.from_env()
    suffix = f"_{unit}" if unit else ""
    name, subject, write, what = (
        ("usulan_kenaikan_pangkat", "fct_promotion_eligibility", export_promotions, "employees")
        if promotions
        else ("indikator_rb", "rpt_rb_indicators", export_indicators, "indicator rows")
    )
    target = Path(out) if out else settings.data_dir / "exports" / f"{name}_{period}{suffix}.{fmt}"
    rows = _audited_export(settings, subject, write, period, unit, fmt, target)
    typer.echo(f"{rows} {what} written to {target}")


def _audited_export(
    settings: Settings,
    subject: str,
    write: Callable[[Path, str, str | None, str, Path], int],
    period: str,
    unit: str | None,
    fmt: str,
    target: Path,
) -> int:
    """Run one export writer; a refused export exits with code 2, a written one is audited."""
    from eperf import audit
    from eperf.export import ExportError

    try:
        rows = write(settings.serving_dir, period, unit, fmt, target)
    except ExportError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    audit.record(
        settings.data_dir,
        "export",
        subject,
        period=period,
        unit=unit,
        format=fmt,
        file=str(target),
        rows=rows,
    )
    return rows


@app.command("audit-verify")
def audit_verify() -> None:
    """Check the audit log's hash chain: exit 1 naming each edited, removed or torn line."""
    from eperf import audit

    settings = Settings.from_env()
    found = audit.verify(settings.data_dir)
    for problem in found.problems:
        typer.echo(f"  {problem}", err=True)
    if not found.ok:
        typer.echo(f"audit log {audit.audit_path(settings.data_dir)} is NOT intact", err=True)
        raise typer.Exit(1)
    legacy = f" ({found.legacy_lines} lines from before the chain)" if found.legacy_lines else ""
    typer.echo(f"audit log intact: {found.records} chained records{legacy}")


@app.command("bench")
def bench(
    employees: int = typer.Option(2000, help="Employees to generate."),
    months: int = typer.Option(3, help="Months to generate."),
    stages: str = typer.Option(
        "generate,ingest,floor_app_scan,floor_device_parse,transform,checks,publish,baseline,"
        "resent_day,incremental",
        help="Comma-separated stages to run; one left out reuses what an earlier bench left in "
        "the folder (e.g. --stages ingest,transform on sources generated once).",
    ),
    curve: str = typer.Option(
        None,
        metavar="N,N,...",
        help="Run the stages at each of these employee counts (e.g. 5000,10000,20000,40000) and "
        "print the cost curve; overrides --employees.",
    ),
    workdir: str = typer.Option(
        None,
        help="Folder for sources and warehouse (default data/bench/NxM; with --curve, "
        "one NxM folder per size under it).",
    ),
    seed: int = typer.Option(42, help="Random seed of the generated sources."),
    json_out: str = typer.Option(None, "--json", help="Also write the figures as JSON here."),
) -> None:
    """Time each pipeline stage on generated sources, each beside its floor: the read floors of
    the ingest (scanner copy of the databases, bulk parse of the device files) and the
    hand-written baseline query of the transform."""
    import json
    from pathlib import Path

    from eperf.bench import report
    from eperf.bench.run import STAGES, run_bench

    try:
        chosen = report.parse_stages(stages, STAGES)
        sizes = report.parse_sizes(curve) if curve else [employees]
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    settings = Settings.from_env()
    base = Path(workdir) if workdir else settings.data_dir / "bench"
    runs = []
    typer.echo(report.HEADER)
    for size in sizes:
        folder = base / f"{size}x{months}" if curve or not workdir else base
        results = run_bench(
            size,
            months,
            folder,
            chosen,
            seed=seed,
            on_result=lambda r, n=size: typer.echo(
                "\n".join([report.stage_line(n, r.as_dict()), *report.detail_lines(r.as_dict())])
            ),
        )
        figures = report.run_figures(size, months, [r.as_dict() for r in results])
        runs.append(figures)
        if floor_table := report.floor_lines(figures["stages"]):
            typer.echo("\n".join(floor_table))
        typer.echo(
            f"{size:>9,} pipeline (ingest+transform+checks+publish) = "
            f"{figures['pipeline_seconds_excluding_generation']:.1f} s; "
            f"transform / baseline = {figures['transform_over_baseline']} (aim <= 3)"
        )
    output: dict = runs[0] if not curve else {"months": months, "runs": runs}
    if curve:
        output["linearity"] = report.linearity(runs)
        typer.echo("seconds per 1,000 employees (vs the largest size):")
        for stage, points in output["linearity"].items():
            cells = "  ".join(
                f"{p['employees']:,}: {p['seconds_per_1k_employees']:.2f} ({p['vs_largest']})"
                for p in points
            )
            typer.echo(f"  {stage:<{report.STAGE_WIDTH}} {cells}")
    typer.echo(json.dumps(output))
    if json_out:
        Path(json_out).write_text(json.dumps(output, indent=2), encoding="utf-8")


@app.command("bench-compare")
def bench_compare(
    before: str = typer.Argument(..., help="Warehouse built before the change (a .duckdb file)."),
    after: str = typer.Argument(..., help="Warehouse built after it, from the same sources."),
    schemas: str = typer.Option(
        "marts", help="Comma-separated schemas to compare (e.g. marts,intermediate)."
    ),
) -> None:
    """Compare every table of two warehouses with EXCEPT ALL both ways (run lineage left out);
    exits 1 when any table differs."""
    from pathlib import Path

    from eperf.bench.compare import compare_warehouses, difference_lines

    found = compare_warehouses(
        Path(before), Path(after), tuple(s.strip() for s in schemas.split(",") if s.strip())
    )
    typer.echo("\n".join(difference_lines(found)))
    if not all(d.equal for d in found):
        raise typer.Exit(1)


# --- dashboard benchmark ---
@app.command("bench-dashboard")
def bench_dashboard(
    employees: int = typer.Option(40000, help="Employees of the generated warehouse."),
    months: int = typer.Option(3, help="Months of the generated warehouse."),
    workdir: str = typer.Option(
        None, help="Folder for sources, warehouse and release (default data/bench/NxM); reused."
    ),
    json_out: str = typer.Option(None, "--json", help="Also write the figures as JSON here."),
) -> None:
    """Time first render of every page and each Telusuri drill step on a generated warehouse."""
    import json
    from pathlib import Path

    from eperf.bench.dashboard import run_dashboard_bench

    settings = Settings.from_env()
    folder = Path(workdir) if workdir else settings.data_dir / "bench" / f"{employees}x{months}"
    figures = run_dashboard_bench(employees, months, folder)
    for stage in figures["build_stages"]:
        typer.echo(f"build {stage['stage']:<28} {stage['seconds']:>8.2f} s")
    typer.echo(f"{'step':<34} {'seconds':>8} {'aim':>6}")
    for step in figures["steps"]:
        aim = f"< {step['aim_seconds']:g}" if step["aim_seconds"] else ""
        flag = {True: "ok", False: "SLOW", None: ""}[step["within_aim"]]
        typer.echo(f"{step['step']:<34} {step['seconds']:>8.3f} {aim:>6} {flag}")
    typer.echo(
        f"max first render {figures['max_first_render_seconds']} s · max drill step "
        f"{figures['max_drill_step_seconds']} s · peak RSS {figures['peak_rss_mb']} MB · "
        f"load {figures['load_average']}"
    )
    typer.echo(json.dumps(figures))
    if json_out:
        Path(json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")


@app.command("land-parquet")
def land_parquet(
    out: str = typer.Option(
        None, help="Folder for the Parquet files (default EPERF_DATA_DIR/spark/raw)."
    ),
) -> None:
    """Write every raw.* table of the warehouse as Parquet, one folder per table, for Spark."""
    from pathlib import Path

    from ingestion.parquet_landing import land_raw_parquet

    settings = Settings.from_env()
    folder = Path(out) if out else settings.data_dir / "spark" / "raw"
    landed = land_raw_parquet(settings.warehouse, folder)
    for table in landed:
        typer.echo(f"  {table.table:<32} {table.rows:>10,}")
    typer.echo(f"{len(landed)} raw tables landed as Parquet in {folder}")


@app.command("bench-load")
def bench_load(
    sessions: int = typer.Option(20, help="Concurrent signed-in browser sessions."),
    duration: float = typer.Option(60.0, help="Seconds the sessions keep switching pages."),
    publish: str = typer.Option(
        "run",
        help="During the load: 'run' (a full `eperf run`), 'republish' (publish the warehouse's "
        "marts as a new release) or 'none'.",
    ),
    json_out: str = typer.Option(None, "--json", help="Also write the figures as JSON here."),
) -> None:
    """Dashboard under load: headless Chromium sessions against a real `streamlit run` on a free
    loopback port while a new release is published; prints p50/p95 page times and errors."""
    import json
    from pathlib import Path

    from eperf import serving
    from eperf.bench.load import run_load

    settings = Settings.from_env()
    env = {**os.environ, **settings.as_env()}

    def full_run() -> str:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "eperf.cli", "run"], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise RuntimeError(f"eperf run exited {done.returncode}: {done.stderr[-500:]}")
        return f"eperf run in {time.perf_counter() - started:.0f} s"

    def republish() -> str:
        manifest = serving.publish(
            settings.warehouse, settings.serving_dir, "bench-load", settings.rule_set
        )
        return f"release {manifest['release_id']}"

    publishers = {"run": full_run, "republish": republish, "none": None}
    if publish not in publishers:
        raise typer.BadParameter("--publish must be run, republish or none")
    result = run_load(env, sessions, duration, publishers[publish])
    figures = result.summary()
    typer.echo(
        f"{figures['sessions']} sessions, {figures['seconds']} s: {figures['page_loads']} page "
        f"loads, p50 {figures['p50_s']} s, p95 {figures['p95_s']} s, max {figures['max_s']} s, "
        f"sign-in p50 {figures['sign_in_p50_s']} s, errors {figures['errors']}"
    )
    typer.echo(f"publications: {figures['publications']}")
    typer.echo(f"releases seen: {figures['releases_seen']}")
    for error in result.errors[:20]:
        typer.echo(f"  error: {error}", err=True)
    typer.echo(json.dumps(figures))
    if json_out:
        Path(json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if result.errors:
        raise typer.Exit(1)


@app.command("serve")
def serve(
    port: int = typer.Option(8501, help="Port of the dashboard."),
    address: str = typer.Option("127.0.0.1", help="Address to listen on."),
) -> None:
    """Serve the dashboard (reads only the published serving copy, never the warehouse file)."""
    env = {**os.environ, **Settings.from_env().as_env()}
    app_file = REPO_ROOT / "dashboards" / "streamlit_app.py"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_file),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    raise typer.Exit(subprocess.call(command, env=env))


if __name__ == "__main__":
    app()
