"""A model's dbt data tests reach Dagster as one asset check, ``dbt_tests``, naming each test."""

from __future__ import annotations

import json

import dagster as dg

from orchestration.defs.transform.model_checks import CHECK_NAME, DbtTestOutcome, folded_result
from tests.conftest import run_dagster_script


def test_the_folded_result_fails_as_its_worst_test():
    model = dg.AssetKey("fct_employee_monthly")
    passed = folded_result(model, [DbtTestOutcome("b", "pass", 0), DbtTestOutcome("a", "pass", 0)])
    assert passed.passed and passed.description == "2 of 2 dbt tests passed"

    warned = folded_result(model, [DbtTestOutcome("a", "pass", 0), DbtTestOutcome("w", "warn", 4)])
    assert not warned.passed and warned.severity == dg.AssetCheckSeverity.WARN
    assert warned.description == "1 of 2 dbt tests did not pass: w (4 rows)"

    failed = folded_result(
        model,
        [
            DbtTestOutcome("w", "warn", 4),
            DbtTestOutcome("u", "fail", 1),
            DbtTestOutcome("e", "error", None),
        ],
    )
    assert not failed.passed and failed.severity == dg.AssetCheckSeverity.ERROR
    assert failed.description == "3 of 3 dbt tests did not pass: e, u (1 row), w (4 rows)"
    assert failed.metadata["tests_failed"].value == 2
    assert failed.metadata["tests_warned"].value == 1


def test_each_model_with_tests_has_one_check_reading_what_its_tests_read():
    from orchestration.definitions import defs
    from orchestration.defs.transform.project import dbt_project

    manifest = json.loads(dbt_project().manifest_path.read_text())
    tested = {}  # model name -> severities of its data tests
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        parents = node["depends_on"]["nodes"]
        attached = parents[0] if len(parents) == 1 else node.get("attached_node")
        ref = node["config"].get("meta", {}).get("dagster", {}).get("ref", {})
        name = ref.get("name") or (attached in manifest["nodes"] and attached.split(".")[-1])
        if name:
            tested.setdefault(name, []).append(node["config"]["severity"].lower())

    graph = defs().resolve_asset_graph()
    dbt_checks = {k for k in graph.asset_check_keys if k.name == CHECK_NAME}
    assert {k.asset_key.to_user_string() for k in dbt_checks} == set(tested)
    specs = defs().resolve_assets_def("fct_employee_monthly").check_specs_by_output_name.values()
    spec = next(s for s in specs if s.asset_key == dg.AssetKey("fct_employee_monthly"))
    assert spec.blocking == ("error" in tested["fct_employee_monthly"])
    # a relationships test of the mart reads the unit dimension: the check waits for it too
    assert dg.AssetKey("dim_org_unit") in {d.asset_key for d in spec.additional_deps}


def test_a_failing_dbt_test_fails_its_models_check_and_names_the_test(warehouse_copy, tmp_path):
    import duckdb

    with duckdb.connect(str(warehouse_copy.path)) as con:
        con.execute(
            "insert into raw.attendance__punch select * from raw.attendance__punch "
            "where punch_time >= timestamp '2025-01-06' limit 1"
        )
    env = {**warehouse_copy.env, "DBT_TARGET_PATH": str(tmp_path / "target")}
    out = run_dagster_script(
        """
model = dg.AssetKey("stg_attendance__punches")
definitions = defs()
result = dg.materialize(
    [definitions.resolve_assets_def(model)],
    selection=[model],
    partition_key="2025-01",
    instance=dg.DagsterInstance.ephemeral(),
    raise_on_error=False,
)
report([
    {"asset": e.asset_key.to_user_string(), "check": e.check_name, "passed": e.passed,
     "severity": e.severity.value, "description": e.description,
     "outcomes": e.metadata["outcomes"].value}
    for e in result.get_asset_check_evaluations()
] + [{"success": result.success}])
""",
        env,
    )
    *evaluations, outcome = out
    assert outcome == {"success": False}  # dbt's error-severity test failed the step
    assert len(evaluations) == 1
    [check] = evaluations
    assert (check["asset"], check["check"], check["passed"], check["severity"]) == (
        "stg_attendance__punches",
        CHECK_NAME,
        False,
        "ERROR",
    )
    key_test = "unique_combination_stg_attendance__punches_device_sn__device_pin__punch_time_device"
    assert f"{key_test} (1 row)" in check["description"]
    statuses = {o["test"]: (o["status"], o["failing_rows"]) for o in check["outcomes"]}
    assert statuses[key_test] == ("fail", 1)
    assert all(status == "pass" for t, (status, _) in statuses.items() if t != key_test)
