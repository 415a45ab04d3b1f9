"""Rules are data: switching EPERF_RULE_SET changes results only from the new rows' effective date.

``kementan-70-30`` repeats ``kemensos-2024`` until 2025-01-31 and from 2025-02-01 uses the 70/30
weights and the 0.5/1/1.5/2 % TL/PSW bands (seeds/policy/*.csv). The same generated sources are
built under both rule sets into two warehouses.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from simulator import SimulatorConfig, generate_sources
from tests.conftest import run_eperf, source_env


def build(root: Path, rule_set: str, sources: dict[str, str]) -> Path:
    warehouse = root / f"{rule_set}.duckdb"
    env = {
        **sources,
        "EPERF_RULE_SET": rule_set,
        "EPERF_WAREHOUSE": str(warehouse),
        "EPERF_SERVING_DIR": str(root / f"serving-{rule_set}"),
    }
    result = run_eperf(["run"], env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return warehouse


def frame(warehouse: Path, sql: str):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(sql).df()


@pytest.fixture(scope="module")
def two_rule_sets(tmp_path_factory):
    root = tmp_path_factory.mktemp("rulesets")
    env = source_env(root)
    Path(env["DAGSTER_HOME"]).mkdir()
    generate_sources(
        SimulatorConfig(
            simpeg_url=env["EPERF_SIMPEG_URL"],
            app_url=env["EPERF_APP_URL"],
            attendance_dir=Path(env["EPERF_ATTENDANCE_DIR"]),
            employees=60,
            months=2,
            start_period="2025-01",
            seed=11,
        )
    )
    return build(root, "kemensos-2024", env), build(root, "kementan-70-30", env)


MONTHLY = "select * from marts.fct_employee_monthly order by nip, period"


def test_january_is_identical_under_both_rule_sets(two_rule_sets):
    base, alt = two_rule_sets
    jan_base = frame(base, MONTHLY).query("period == '2025-01'").drop(columns="rule_set")
    jan_alt = frame(alt, MONTHLY).query("period == '2025-01'").drop(columns="rule_set")
    assert len(jan_base) > 0
    assert jan_base.reset_index(drop=True).equals(jan_alt.reset_index(drop=True))


def test_february_follows_the_new_weights_and_bands(two_rule_sets):
    base, alt = two_rule_sets
    feb_base = frame(base, MONTHLY).query("period == '2025-02'").set_index("nip")
    feb_alt = frame(alt, MONTHLY).query("period == '2025-02'").set_index("nip")
    assert (feb_base["tukin_net_idr"] != feb_alt["tukin_net_idr"]).any()
    for nip, row in feb_alt.iterrows():
        perf = Decimal(str(row["perf_factor"]))
        deduction = Decimal(str(row["attendance_deduction_pct"]))
        expected = max(Decimal(0), Decimal("0.70") * perf + Decimal("0.30") - deduction / 100)
        assert abs(Decimal(str(row["net_pct"])) - expected) < Decimal("0.000001"), nip
    pcts = frame(
        alt,
        "select code, min(pct) as lo, max(pct) as hi from marts.fct_tukin_lines "
        "where cause in ('TL', 'PSW') and work_date >= date '2025-02-01' group by code",
    ).set_index("code")
    expected_pct = {
        "TL1": 0.5,
        "TL2": 1.0,
        "TL3": 1.5,
        "TL4": 2.0,
        "PSW1": 0.5,
        "PSW2": 1.0,
        "PSW3": 1.5,
        "PSW4": 2.0,
    }
    assert len(pcts) > 0
    for code, row in pcts.iterrows():
        assert row["lo"] == row["hi"] == expected_pct[code], code
