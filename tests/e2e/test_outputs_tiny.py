"""End to end R11-R12 on the tiny January 2025 sources: output realisation, the tukin allocated to
outputs, the unit roll-up and the development map, against tests/e2e/tiny_sources.py."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from eperf import serving
from tests.e2e.test_pipeline_tiny import query
from tests.e2e.tiny_sources import (
    E2,
    EXPECTED,
    EXPECTED_DEVELOPMENT,
    EXPECTED_E2_ALLOCATION,
    EXPECTED_OUTPUT_UNITS,
    EXPECTED_OUTPUTS,
)


def _matches(actual: dict, expected: dict, label: str) -> None:
    for column, value in expected.items():
        got = actual[column]
        if isinstance(value, Decimal):
            got = Decimal(str(got))
        assert got == value, f"{label} {column}: {got} != {value}"


@pytest.mark.parametrize("output_code", sorted(EXPECTED_OUTPUTS))
def test_output_realisation_matches_hand_computation(tiny_pipeline, output_code):
    rows = query(
        tiny_pipeline,
        "select * from marts.fct_output_realisation where output_code = ? and period = '2025-01'",
        [output_code],
    )
    assert len(rows) == 1
    _matches(rows[0], EXPECTED_OUTPUTS[output_code], output_code)


def test_tukin_allocation_adds_up_to_every_net(tiny_pipeline):
    rows = query(
        tiny_pipeline,
        "select nip, output_code, allocated_tukin_idr from marts.fct_output_tukin_allocation",
    )
    per_nip: dict[str, int] = {}
    for row in rows:
        per_nip[row["nip"]] = per_nip.get(row["nip"], 0) + row["allocated_tukin_idr"]
    assert per_nip == {nip: e["tukin_net_idr"] for nip, e in EXPECTED.items()}
    e2 = {r["output_code"]: r["allocated_tukin_idr"] for r in rows if r["nip"] == E2}
    assert e2 == EXPECTED_E2_ALLOCATION


def test_unit_rollup_is_budget_weighted_with_no_output_share(tiny_pipeline):
    rows = {
        (r["unit_id"], r["scope"]): r
        for r in query(tiny_pipeline, "select * from marts.fct_output_realisation_unit")
    }
    for key, expected in EXPECTED_OUTPUT_UNITS.items():
        _matches(rows[key], expected, str(key))


def test_development_map_matches_hand_computation(tiny_pipeline):
    rows = query(
        tiny_pipeline,
        "select nip, performance_axis, behaviour_axis, recommendations "
        "from marts.fct_development_map where period = '2025-01'",
    )
    actual = {
        r["nip"]: (r["performance_axis"], r["behaviour_axis"], r["recommendations"]) for r in rows
    }
    assert actual == EXPECTED_DEVELOPMENT


def test_new_marts_are_published(tiny_pipeline):
    manifest = serving.release_manifest(tiny_pipeline.settings.serving_dir)
    for mart, expected_rows in (
        ("fct_output_realisation", 2),
        ("fct_output_realisation_unit", 5),
        ("fct_output_tukin_allocation", 8),
        ("fct_development_map", 7),
    ):
        assert manifest["row_counts"][mart] == expected_rows, mart
        path = serving.mart_path(tiny_pipeline.settings.serving_dir, mart)
        assert (
            duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchone()[0]
            == expected_rows
        )
