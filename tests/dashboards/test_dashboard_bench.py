"""eperf bench-dashboard's measuring part on the fake release (figures, not timings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboards.lib import users
from dashboards.lib.access import Role, pages_for
from eperf.bench.dashboard import run_dashboard_bench
from tests.dashboards.conftest import write_release


def test_bench_times_every_page_each_drill_step_a_statement_and_a_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workdir = tmp_path / "bench"
    write_release(workdir / "serving")
    for name in ("EPERF_DATA_DIR", "EPERF_SERVING_DIR", users.USERS_FILE_ENV):
        monkeypatch.setenv(name, "restored after the test")
    figures = run_dashboard_bench(7, 2, workdir)
    assert figures["build_stages"] == []  # the published release is reused
    names = [step["step"] for step in figures["steps"]]
    for page in pages_for(Role.MENTERI):
        assert f"first_render:{page.value}" in names
        assert f"warm_render:{page.value}" in names
    # ministry → Ditjen Rehabilitasi Sosial (first by name) → Direktorat Rehsos Anak, a leaf
    assert [n for n in names if n.startswith("drill:")] == ["drill:REHSOS", "drill:DIT_ANAK"]
    # then, cold, the statement of its first employee and the unit's Tim saya
    assert names[-2:] == ["statement", "team:DIT_ANAK"]
    assert all(step["seconds"] > 0 for step in figures["steps"])
    assert figures["max_drill_step_seconds"] == max(
        s["seconds"] for s in figures["steps"] if s["step"].startswith("drill:")
    )
