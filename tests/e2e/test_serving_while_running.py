"""Safe serving: a run in progress and a reader of the dashboard data never fail each
other. ``eperf run`` runs in a child process while this process reads the published release the
whole time, the way the dashboards do (dashboards/lib/data over eperf.serving)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import streamlit as st

from dashboards.lib import data
from dashboards.lib.access import Role, scope_for
from dashboards.lib.data import org, tukin
from eperf import serving
from eperf.config import REPO_ROOT
from tests.conftest import run_eperf, source_env
from tests.e2e.tiny_sources import E2, write_tiny_sources

pytestmark = pytest.mark.slow

# Hand-computed in tests/e2e/test_period_close.py: E2's January net before and after the device
# re-sends 2 January with the late punch corrected.
NET_BEFORE, NET_AFTER = 1_615_623, 1_628_160


def read_once(serving_dir: Path, scope) -> tuple[str, int, int]:
    """One dashboard read: (release id, E2's net through data.py, rows checked against the
    release's own manifest through eperf.serving)."""
    st.cache_data.clear()  # read the files every time, as a new release would be read
    release = data.current_release(serving_dir)
    month = tukin.employee_month(release, scope, E2, "2025-01")
    periods = org.periods(release, scope)
    assert periods == ["2025-01"]
    folder = serving_dir / serving.RELEASES / release.release_id
    manifest = json.loads((folder / serving.MANIFEST).read_text(encoding="utf-8"))
    with duckdb.connect() as con:
        counted = {
            mart: con.execute(
                "select count(*) from read_parquet(?)", [serving.mart_source(folder, mart)]
            ).fetchone()[0]
            for mart in serving.PUBLISHED_MARTS
        }
    assert counted == manifest["row_counts"]  # a whole release, never a partial one
    return release.release_id, int(month["tukin_net_idr"].iloc[0]), sum(counted.values())


def test_readers_and_a_run_never_fail_each_other(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    attendance = Path(env["EPERF_ATTENDANCE_DIR"])
    write_tiny_sources(env["EPERF_SIMPEG_URL"], env["EPERF_APP_URL"], attendance)
    first = run_eperf(["run"], env)
    assert first.returncode == 0, first.stderr[-3000:]
    serving_dir = Path(env["EPERF_DATA_DIR"]) / "serving"
    scope = scope_for(Role.MENTERI, None, None)
    old_release, net, _ = read_once(serving_dir, scope)
    assert net == NET_BEFORE

    day = attendance / "DEV-JKT" / "2025-01-02.csv"
    day.write_text(
        day.read_text(encoding="utf-8").replace(
            f"{E2},2025-01-02 07:45:59", f"{E2},2025-01-02 07:25:00"
        ),
        encoding="utf-8",
    )
    # The run's output goes to a file: a pipe nobody reads while the run lasts fills up and
    # blocks the run.
    log = tmp_path / "run.log"
    with log.open("w", encoding="utf-8") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "eperf.cli", "run"],
            env={**os.environ, **env},
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    seen: list[tuple[str, int]] = []
    try:
        while child.poll() is None:
            release_id, net, _ = read_once(serving_dir, scope)
            seen.append((release_id, net))
            time.sleep(0.05)  # leave the child the CPU it needs on a small machine
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    release_id, net, _ = read_once(serving_dir, scope)
    seen.append((release_id, net))

    releases = [r for r, _ in seen]
    assert len(seen) > 10  # the reader really ran during the run
    assert releases[0] == old_release and releases[-1] != old_release
    switch = releases.index(releases[-1])
    assert set(releases[:switch]) == {old_release}  # old, then new, never back
    assert set(releases[switch:]) == {releases[-1]}
    assert {n for r, n in seen if r == old_release} == {NET_BEFORE}
    assert {n for r, n in seen if r != old_release} == {NET_AFTER}
