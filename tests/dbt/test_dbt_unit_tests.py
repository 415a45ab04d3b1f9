"""The dbt unit tests (``unit_tests:`` blocks, one per rule) run against a built warehouse.

They need their input relations to exist (dbt-core#10292), so they run after the tiny pipeline.
"""

from __future__ import annotations

import json
import os

from eperf.config import run_dbt


def test_every_dbt_unit_test_passes(tiny_pipeline, tmp_path):
    result = run_dbt(
        "test",
        "--select",
        "test_type:unit",
        target_path=tmp_path / "target",
        env={**os.environ, **tiny_pipeline.settings.as_env()},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    # Only the unit tests: the project's on-run-start hooks (Spark-only, empty on DuckDB) are
    # listed too, with status "success".
    statuses = {
        r["unique_id"].split(".")[-1]: r["status"]
        for r in results
        if r["unique_id"].startswith("unit_test.")
    }
    assert len(statuses) >= 19, statuses
    assert set(statuses.values()) == {"pass"}, statuses
