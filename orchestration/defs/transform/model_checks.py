"""A model's dbt data tests as one Dagster asset check, ``dbt_tests``, instead of a check per test.

dbt still runs every test as its own node; only what Dagster records is folded. Each asset check
costs a run a planned event when it is created and, when evaluated, an output and an evaluation
event, stored and indexed one by one after a look-up of the model's materialization: a check per
test (227 tests on 104 models) made a scoring run store 1,203 events, a check per model 837. The
folded check passes when every test of the model passed; when one did not, it fails with ERROR
severity if an error-severity test failed and with WARN when only warnings did (dbt's ``severity:
warn``), and its metadata lists every test with its status and failing rows, so the Dagster UI
still shows which test failed and publication is still held (orchestration/defs/serving/assets.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliInvocation
from dagster_dbt.asset_utils import DAGSTER_DBT_UNIQUE_ID_METADATA_KEY, get_asset_check_key_for_test

CHECK_NAME = "dbt_tests"
DESCRIPTION = (
    "The model's dbt data tests, each run by dbt: passes when all pass; fails with ERROR when an "
    "error-severity test fails, with WARN when only warnings do. Metadata lists each test."
)


@dataclass(frozen=True)
class DbtTestOutcome:
    """One dbt test's result: its name, dbt's status (pass, fail, warn, error) and failing rows."""

    name: str
    status: str
    failures: int | None


def folded_spec(
    test_spec: dg.AssetCheckSpec,
    model_spec: dg.AssetSpec,
    folded: dict[dg.AssetKey, dg.AssetCheckSpec],
) -> dg.AssetCheckSpec:
    """The model's ``dbt_tests`` spec with one more of its tests folded in: blocking when any
    error-severity test is (dagster-dbt makes those blocking), reading every model a test reads.

    dagster-dbt asks for a spec per test and keeps the last one returned for a check key; each
    call folds into ``folded`` (the translator's), so the last holds every test of the model. Its
    unique id is the model's: a check run alone from the UI builds the model with its tests."""
    key = test_spec.asset_key
    before = folded.get(key)
    deps = {d.asset_key for d in test_spec.additional_deps}
    if before is not None:
        deps |= {d.asset_key for d in before.additional_deps}
    folded[key] = dg.AssetCheckSpec(
        name=CHECK_NAME,
        asset=key,
        description=DESCRIPTION,
        additional_deps=sorted(deps, key=lambda k: k.to_user_string()),
        metadata={
            DAGSTER_DBT_UNIQUE_ID_METADATA_KEY: model_spec.metadata[
                DAGSTER_DBT_UNIQUE_ID_METADATA_KEY
            ]
        },
        blocking=test_spec.blocking or (before is not None and before.blocking),
    )
    return folded[key]


def folded_result(
    asset_key: dg.AssetKey, outcomes: Iterable[DbtTestOutcome]
) -> dg.AssetCheckResult:
    """The ``dbt_tests`` result of a model from its tests' outcomes."""
    outcomes = sorted(outcomes, key=lambda o: o.name)
    failed = [o for o in outcomes if o.status != "pass"]
    errors = [o for o in failed if o.status != "warn"]
    if not failed:
        description = f"{len(outcomes)} of {len(outcomes)} dbt tests passed"
    else:
        named = ", ".join(
            o.name + ("" if o.failures is None else f" ({_rows(o.failures)})") for o in failed
        )
        description = f"{len(failed)} of {len(outcomes)} dbt tests did not pass: {named}"
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=CHECK_NAME,
        passed=not failed,
        severity=(
            dg.AssetCheckSeverity.WARN if failed and not errors else dg.AssetCheckSeverity.ERROR
        ),
        description=description,
        metadata={
            "tests": len(outcomes),
            "tests_failed": len(errors),
            "tests_warned": len(failed) - len(errors),
            "outcomes": dg.MetadataValue.json(
                [{"test": o.name, "status": o.status, "failing_rows": o.failures} for o in outcomes]
            ),
        },
    )


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _test_outcome(raw_event: Mapping[str, Any]) -> DbtTestOutcome:
    data = raw_event["data"]
    status = data["node_info"].get("node_status") or str(data.get("status", "")).lower()
    return DbtTestOutcome(data["node_info"]["node_name"], status, data.get("num_failures"))


def stream_with_folded_checks(
    invocation: DbtCliInvocation, context: dg.AssetExecutionContext
) -> Iterator:
    """dagster-dbt's events of ``invocation`` (outputs of models and seeds, observations),
    except its test results: those are folded into one ``dbt_tests`` result per model.

    In a run of every asset, dbt runs each model's every test, so a model's result is yielded
    as soon as its last test reports: Dagster stores it while dbt builds the next models (after
    a month's build, storing the 104 results at the end took 3.5 s of the step). The results of
    a subset run, whose tests dbt selects itself, and any still incomplete (a test skipped or
    not reached) are yielded when dbt is done (before its error, if it failed)."""
    manifest, translator = invocation.manifest, invocation.dagster_dbt_translator
    selected = context.selected_asset_check_keys
    expected = {} if context.is_subset else _tests_per_check(invocation, selected)
    outcomes: dict[dg.AssetKey, list[DbtTestOutcome]] = {}

    def results() -> Iterator[dg.AssetCheckResult]:
        for asset_key, tests in outcomes.items():
            yield folded_result(asset_key, tests)

    try:
        for event in invocation.stream_raw_events():
            folded_key = _folded_key(event, manifest, translator, invocation.project)
            if folded_key is not None and folded_key in selected:
                tests = outcomes.setdefault(folded_key.asset_key, [])
                tests.append(_test_outcome(event.raw_event))
                if len(tests) == expected.get(folded_key):
                    yield folded_result(folded_key.asset_key, outcomes.pop(folded_key.asset_key))
                continue
            yield from event.to_default_asset_events(
                manifest=manifest,
                dagster_dbt_translator=translator,
                context=context,
                target_path=invocation.target_path,
                project=invocation.project,
            )
    except Exception:
        yield from results()
        raise
    yield from results()


def _tests_per_check(
    invocation: DbtCliInvocation, selected: Iterable[dg.AssetCheckKey]
) -> Counter[dg.AssetCheckKey]:
    """How many of the manifest's data tests fold into each selected ``dbt_tests`` check."""
    manifest, selected = invocation.manifest, set(selected)
    keys = (
        _check_key(manifest, invocation.dagster_dbt_translator, unique_id, invocation.project)
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "test"
    )
    return Counter(key for key in keys if key in selected)


def _folded_key(
    event, manifest: Mapping[str, Any], translator: DagsterDbtTranslator, project
) -> dg.AssetCheckKey | None:
    """The ``dbt_tests`` check key of a test's result event; None for any other event, and for
    a test that belongs to no model (dagster-dbt then records it as observations)."""
    unique_id = event.raw_event["data"].get("node_info", {}).get("unique_id") or ""
    if not (unique_id.startswith("test.") and event.is_result_event):
        return None
    return _check_key(manifest, translator, unique_id, project)


def _check_key(
    manifest: Mapping[str, Any], translator: DagsterDbtTranslator, unique_id: str, project
) -> dg.AssetCheckKey | None:
    """The ``dbt_tests`` check key of the model a data test belongs to, or None."""
    key = get_asset_check_key_for_test(manifest, translator, unique_id, project)
    return None if key is None else dg.AssetCheckKey(key.asset_key, CHECK_NAME)
