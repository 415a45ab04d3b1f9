"""The ``eperf`` command: generate demo sources, run the pipeline, serve the dashboard."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import typer

from eperf.config import REPO_ROOT, Settings

app = typer.Typer(help="e-Performance warehouse: sources -> Dagster -> dbt/DuckDB -> dashboards.")


@app.command("demo-data")
def demo_data(
    employees: int = typer.Option(2000, help="Number of employees to simulate."),
    months: int = typer.Option(3, help="Number of months to simulate."),
    start: str = typer.Option("2025-01", help="First period, YYYY-MM."),
    seed: int = typer.Option(42, help="Random seed; the same seed gives the same sources."),
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
    )
    summary = generate_sources(config)
    for table, rows in summary.row_counts.items():
        typer.echo(f"  {table:<24} {rows:>10,}")
    typer.echo(f"demo sources written in {summary.seconds:.1f} s")


@app.command("run")
def run() -> None:
    """Ingest every configured source and build every mart, through Dagster, then publish."""
    from eperf.pipeline import run_pipeline

    started = time.perf_counter()
    result = run_pipeline(Settings.from_env())
    seconds = time.perf_counter() - started
    for check in result.failed_checks:
        typer.echo(f"  check failed: {check}", err=True)
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
