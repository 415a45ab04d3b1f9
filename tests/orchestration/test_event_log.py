"""The instance's SQLite event log (orchestration/event_log.py): dagster.yaml selects it, a run's
events are stored in Dagster's own files (read back by Dagster's own storage class), and it keeps
one engine per database file, at most ENGINES_KEPT of them."""

from __future__ import annotations

import dagster as dg
from dagster._core.storage.event_log import SqliteEventLogStorage

from orchestration.event_log import ENGINES_KEPT, SqliteEventLogStorageKeepingEngines
from orchestration.instance import prepare_dagster_home


@dg.asset(check_specs=[dg.AssetCheckSpec("positive", asset="numbers")])
def numbers():
    yield dg.Output([1, 2, 3])
    yield dg.AssetCheckResult(passed=True)


def test_a_run_is_stored_in_dagsters_own_files(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    prepare_dagster_home(tmp_path)
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert type(storage) is SqliteEventLogStorageKeepingEngines
        result = dg.materialize([numbers], instance=instance)
        assert result.success
        stored = [
            e.dagster_event_type for e in instance.all_logs(result.run_id) if e.is_dagster_event
        ]
        # the run's file and the index (which holds the asset's events across runs)
        assert set(storage._engines) == {result.run_id, "index"}

    assert dg.DagsterEventType.ASSET_MATERIALIZATION in stored
    assert dg.DagsterEventType.ASSET_CHECK_EVALUATION in stored
    plain = SqliteEventLogStorage(str(tmp_path / "history" / "runs"))
    assert [
        r.event_log_entry.dagster_event_type
        for r in plain.get_records_for_run(result.run_id).records
        if r.event_log_entry.is_dagster_event
    ] == stored
    assert plain.get_latest_materialization_events([dg.AssetKey("numbers")])


def test_at_most_engines_kept_engines(tmp_path):
    storage = SqliteEventLogStorageKeepingEngines(str(tmp_path))
    for shard in range(ENGINES_KEPT + 5):
        with storage.run_connection(f"run-{shard}"):
            pass
    assert list(storage._engines) == [f"run-{n}" for n in range(5, ENGINES_KEPT + 5)]
    with storage.run_connection("run-5"):  # the oldest, used again, becomes the newest
        pass
    assert list(storage._engines)[-1] == "run-5" and len(storage._engines) == ENGINES_KEPT
