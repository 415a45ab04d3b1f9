"""Time the dashboard's real pages on a generated warehouse of a given size.

Builds (or reuses) sources, warehouse and a published release in ``workdir`` with the pipeline
bench (eperf.bench.run: generate, ingest, transform, publish), then drives the actual app with
Streamlit's AppTest, signed in as MENTERI:

- ``first_render:<page>``: each page of the role opened with every data cache cleared (what the
  first visitor after a publication waits for);
- ``warm_render:<page>``: the same page opened again (cached queries);
- ``drill:<unit>``: one click in Telusuri's table of units, from the ministry down to a unit
  without sub-units (new, uncached queries for that unit);
- ``statement``: the statement of the first employee of that unit, cold (its Aktivitas reads
  the employee's reports of the month);
- ``team:<unit>``: Tim saya of that unit, cold (its people's reports and review queue).

Seconds are wall time of ``AppTest.run`` (the whole script: queries, charts, element protos,
without the browser's drawing). Aims: first render < 2 s, drill step < 1 s.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from eperf.bench.memory import PeakRss
from eperf.bench.run import StageResult, run_bench

APP = Path(__file__).resolve().parents[2] / "dashboards" / "streamlit_app.py"
BUILD_STAGES = ("generate", "ingest", "transform", "publish")
USERNAME = "bench-menteri"
PASSWORD = "bench-menteri-sandi"
FIRST_RENDER_AIM_SECONDS = 2.0
DRILL_AIM_SECONDS = 1.0
TIMEOUT_SECONDS = 300


@dataclass
class Step:
    step: str
    seconds: float
    aim_seconds: float | None

    @property
    def within_aim(self) -> bool | None:
        return None if self.aim_seconds is None else self.seconds < self.aim_seconds

    def as_dict(self) -> dict:
        return {**asdict(self), "within_aim": self.within_aim}


def _environment(workdir: Path) -> None:
    """Point the app at the bench's release, with one MENTERI account (cheap bcrypt cost)."""
    from dashboards.lib import users
    from dashboards.lib.access import Role

    data_dir = workdir.resolve()
    users_file = data_dir / "bench-users.toml"
    if not users_file.exists():
        users.add_user(users_file, USERNAME, Role.MENTERI, PASSWORD, None, None, rounds=4)
    os.environ.update(
        {
            "EPERF_DATA_DIR": str(data_dir),
            "EPERF_SERVING_DIR": str(data_dir / "serving"),
            users.USERS_FILE_ENV: str(users_file),
        }
    )
    os.environ.pop(users.DEMO_LOGIN_ENV, None)


def build_release(employees: int, months: int, workdir: Path) -> list[StageResult]:
    """The pipeline stages run to publish a release, none when ``workdir`` already has one."""
    from dashboards.lib import data

    if data.current_release(workdir / "serving") is not None:
        return []
    return run_bench(employees, months, workdir, BUILD_STAGES)


def _timed(name: str, run, aim: float | None) -> Step:
    started = time.perf_counter()
    at = run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].message}")
    return Step(name, round(seconds, 3), aim)


def measure_pages() -> list[Step]:
    """Open every MENTERI page cold and warm, drill Telusuri down, open one statement."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboards.lib.access import PageId, Role, pages_for

    steps: list[Step] = []
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_SECONDS).run()
    at.text_input(key="login_username").input(USERNAME)
    at.text_input(key="login_password").input(PASSWORD)
    st.cache_data.clear()
    steps.append(_timed("sign_in_and_landing", at.button(key="login_submit").click().run, None))

    def open_page(page_id: PageId, params: dict[str, str] | None = None):
        at.switch_page(f"app_pages/{page_id.value}.py")
        at.query_params.clear()
        at.query_params.update(params or {})
        return at.run()

    for page_id in pages_for(Role.MENTERI):
        st.cache_data.clear()
        name = page_id.value
        steps.append(
            _timed(f"first_render:{name}", lambda p=page_id: open_page(p), FIRST_RENDER_AIM_SECONDS)
        )
        steps.append(_timed(f"warm_render:{name}", lambda p=page_id: open_page(p), None))

    open_page(PageId.TELUSURI)
    while True:
        grids = [df for df in at.dataframe if df.key and df.key.startswith("telusuri_children_")]
        if not grids:
            break
        at.session_state[grids[0].key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
        step = _timed("drill", at.run, DRILL_AIM_SECONDS)
        step.step = f"drill:{at.query_params.get('unit')}"
        steps.append(step)
    employees = [df.value for df in at.dataframe if "NIP" in df.value.columns]
    unit, period = at.query_params.get("unit"), at.query_params.get("period")
    if employees and not employees[0].empty:
        nip = str(employees[0]["NIP"].iloc[0])
        st.cache_data.clear()
        steps.append(
            _timed(
                "statement",
                lambda: open_page(PageId.PEGAWAI, {"nip": nip, "period": period}),
                FIRST_RENDER_AIM_SECONDS,
            )
        )
    if unit:
        st.cache_data.clear()
        steps.append(
            _timed(
                f"team:{unit}",
                lambda: open_page(PageId.TIM, {"unit": unit, "period": period}),
                FIRST_RENDER_AIM_SECONDS,
            )
        )
    return steps


def run_dashboard_bench(employees: int, months: int, workdir: Path) -> dict:
    """Build or reuse the release, then time the pages; returns the figures (JSON-ready)."""
    build = build_release(employees, months, workdir)
    _environment(workdir)
    with PeakRss() as rss:
        steps = measure_pages()
    first = [s.seconds for s in steps if s.step.startswith("first_render:")]
    drills = [s.seconds for s in steps if s.step.startswith("drill:")]
    return {
        "employees": employees,
        "months": months,
        "workdir": str(workdir),
        "build_stages": [r.as_dict() for r in build],
        "steps": [s.as_dict() for s in steps],
        "max_first_render_seconds": max(first, default=None),
        "max_drill_step_seconds": max(drills, default=None),
        "peak_rss_mb": round(rss.peak_bytes / 2**20, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
