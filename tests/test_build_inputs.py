"""A window is built again unless its inputs and code are those of a build already published."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from eperf import build_inputs
from eperf.build_inputs import Digests, code_digest, inputs_digest, record_build, unchanged_build

SOURCES = ["raw.attendance__punch", "raw.quarantine"]


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("create schema raw; create schema ledger")
    con.execute(
        "create table raw.attendance__punch as select 'P' || i as nip, "
        "timestamp '2025-01-02 07:00' as _ingested_at from range(3) t(i)"
    )
    con.execute("create table raw.quarantine as select 1 as id, null::timestamp as resolved_at")
    con.execute("create table raw.data_quality_results as select 1 as suite")
    con.execute("create table ledger.employee_monthly_paid as select 'P0' as nip, 100 as net")
    yield con
    con.close()


def publish_at(serving_dir: Path, when: datetime) -> None:
    """A serving release published at ``when`` (the manifest readers and the skip look at)."""
    release = serving_dir / "releases" / f"r{when:%H%M%S%f}"
    release.mkdir(parents=True)
    (release / "_release.json").write_text(json.dumps({"published_at": when.isoformat()}))
    (serving_dir / "CURRENT").write_text(release.name)


def test_the_inputs_digest_moves_with_every_table_a_build_reads(con):
    before = inputs_digest(con, SOURCES)
    assert inputs_digest(con, SOURCES) == before

    con.execute("insert into raw.data_quality_results values (2)")  # not read by dbt
    assert inputs_digest(con, SOURCES) == before

    changes = [
        # a re-loaded row: the same count, a newer _ingested_at
        "update raw.attendance__punch set _ingested_at = timestamp '2025-01-03 07:00' "
        "where nip = 'P1'",
        "delete from raw.attendance__punch where nip = 'P2'",  # a row fewer
        # a quarantined row resolved in place (the quarantine has no _ingested_at)
        "update raw.quarantine set resolved_at = timestamp '2025-01-04 07:00'",
        "insert into ledger.employee_monthly_paid values ('P1', 90)",  # a period closed
    ]
    seen = {before}
    for change in changes:
        con.execute(change)
        digest = inputs_digest(con, SOURCES)
        assert digest not in seen, change
        seen.add(digest)


def test_the_code_digest_moves_with_a_model_and_the_rule_set(tmp_path):
    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "m.sql"
    model.write_text("select 1")
    (tmp_path / "dbt_project.yml").write_text("name: eperf")
    before = code_digest(tmp_path, "kemensos-2024")
    assert code_digest(tmp_path, "kemensos-2024") == before
    assert code_digest(tmp_path, "other-rules") != before
    model.write_text("select 2")
    assert code_digest(tmp_path, "kemensos-2024") != before


def test_a_window_is_skipped_only_after_a_covering_build_of_the_same_digests_was_published(
    con, tmp_path
):
    serving = tmp_path / "serving"
    january, february = ("2025-01", "2025-01"), ("2025-02", "2025-02")
    first, second = Digests("inputs-1", "code-1"), Digests("inputs-2", "code-1")

    assert unchanged_build(con, january, first, serving) is None  # never built
    record_build(con, None, first, "run-full")
    assert unchanged_build(con, january, first, serving) is None  # built, never published
    publish_at(serving, datetime.now(UTC))
    # the build of every period covers every window and itself
    assert unchanged_build(con, january, first, serving).run_id == "run-full"
    assert unchanged_build(con, None, first, serving).run_id == "run-full"
    # other inputs, or other code
    assert unchanged_build(con, january, second, serving) is None
    assert unchanged_build(con, january, Digests("inputs-1", "code-2"), serving) is None

    # February is built from new inputs and published: it is current, January is not (it was
    # last built from the old ones), nor is every period
    record_build(con, february, second, "run-feb")
    assert unchanged_build(con, february, second, serving) is None  # not published yet
    publish_at(serving, datetime.now(UTC))
    assert unchanged_build(con, february, second, serving).run_id == "run-feb"
    assert unchanged_build(con, january, second, serving) is None
    assert unchanged_build(con, None, second, serving) is None
    assert unchanged_build(con, ("2025-01", "2025-02"), second, serving) is None

    # a build of January and February together covers each
    record_build(con, ("2025-01", "2025-02"), second, "run-both")
    publish_at(serving, datetime.now(UTC))
    assert unchanged_build(con, january, second, serving).run_id == "run-both"
    assert build_inputs.unchanged_build(con, ("2025-03", "2025-03"), second, serving) is None
