"""The period frame (marts.dim_period) in the published release: the last demo month is open
with the activity reports still awaiting review counted straight from the source database, and
`eperf close` publishes the month as closed and paid at once (no separate `eperf run`); after
`eperf reopen` it is open again."""

from __future__ import annotations

import sqlite3
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from eperf import serving
from eperf.config import Settings
from tests.conftest import run_eperf, source_env

pytestmark = pytest.mark.slow

LAST = "2025-02"


def published_periods(env: dict[str, str]) -> dict[str, tuple]:
    """period -> (status, closed_at is set, reports_pending, reports_pending_pct), as the
    dashboards read dim_period: from the current release's Parquet file."""
    source = serving.mart_path(Settings.from_env(env).serving_dir, "dim_period")
    assert source is not None, "dim_period is not published"
    rows = duckdb.sql(
        "select period, status, closed_at is not null, reports_pending, reports_pending_pct "
        f"from read_parquet('{source}') order by period"
    ).fetchall()
    return {period: tuple(rest) for period, *rest in rows}


def pending_in_source(app_db: Path, period: str) -> tuple[int, Decimal]:
    """Reports of ``period`` still SUBMITTED, and their share of the submitted ones (not DRAFT,
    not deleted), counted in the app's own database."""
    with sqlite3.connect(app_db) as con:
        pending, submitted = con.execute(
            "select sum(upper(status) = 'SUBMITTED'), sum(upper(status) <> 'DRAFT') "
            "from activity_report where not deleted and strftime('%Y-%m', activity_date) = ?",
            [period],
        ).fetchone()
    share = Decimal(100 * pending) / Decimal(submitted) if submitted else Decimal(0)
    return pending, share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_last_month_is_open_and_a_close_publishes_it_closed(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    generated = run_eperf(
        ["demo-data", "--employees", "25", "--months", "2", "--start", "2025-01"], env
    )
    assert generated.returncode == 0, generated.stderr[-3000:]
    ran = run_eperf(["run"], env)
    assert ran.returncode == 0, ran.stderr[-3000:]

    pending, share = pending_in_source(Path(env["EPERF_APP_URL"].removeprefix("sqlite:///")), LAST)
    assert pending > 0  # the demo leaves the last month's newest reports awaiting review
    before = published_periods(env)
    assert list(before) == ["2025-01", LAST]
    assert before[LAST] == ("TERBUKA", False, pending, share)

    closed = run_eperf(["close", "--period", LAST], env)
    assert closed.returncode == 0, closed.stdout[-3000:] + closed.stderr[-3000:]
    assert f"period {LAST} published (closed)" in closed.stdout
    after = published_periods(env)
    assert after[LAST][:2] == ("DITUTUP", True)
    assert after["2025-01"][:2] == ("TERBUKA", False)

    reopened = run_eperf(["reopen", "--period", LAST, "--reason", "keberatan pegawai"], env)
    assert reopened.returncode == 0, reopened.stdout[-3000:] + reopened.stderr[-3000:]
    assert published_periods(env)[LAST][:2] == ("TERBUKA", False)
