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


# A project of three sources keyed by day (punches reach a day either side and bound the days
# observed; the holidays have no load time, so each day's rows are hashed), one that is not, and
# one read only by a model partitioned by period.
DAY_MANIFEST = {
    "sources": {
        "source.p": {
            "schema": "raw",
            "identifier": "attendance__punch",
            "config": {"meta": {"day_column": "punch_time", "day_margin": 1, "day_observes": True}},
        },
        "source.r": {
            "schema": "raw",
            "identifier": "app__activity_report",
            "config": {"meta": {"day_column": "activity_date"}},
        },
        "source.h": {
            "schema": "raw",
            "identifier": "reference__public_holiday",
            "config": {"meta": {"day_column": "holiday_date"}},
        },
        "source.e": {"schema": "raw", "identifier": "simpeg__employee", "config": {}},
        "source.b": {"schema": "raw", "identifier": "app__behaviour_rating", "config": {}},
    },
    "nodes": {
        "model.staged": {
            "resource_type": "model",
            "config": {"materialized": "view"},
            "depends_on": {"nodes": ["source.p", "source.e"]},
        },
        "model.days": {
            "resource_type": "model",
            "config": {"materialized": "incremental", "window_kind": "day"},
            "depends_on": {"nodes": ["model.staged", "source.r", "source.h"]},
        },
        "model.months": {
            "resource_type": "model",
            "config": {"materialized": "incremental", "window_kind": "period"},
            "depends_on": {"nodes": ["model.days", "source.b"]},
        },
    },
}
JANUARY = ("2025-01", "2025-01")


@pytest.fixture
def day_con():
    con = duckdb.connect()
    con.execute("create schema raw; create schema ledger")
    con.execute(
        "create table raw.attendance__punch as select 'P' || (i % 3) as nip, "
        "timestamp '2025-01-02 07:00' + to_days(cast(i // 3 as integer)) as punch_time, "
        "timestamp '2025-01-21 06:00' as _ingested_at from range(60) t(i)"
    )  # 2 to 21 January, three punches a day
    con.execute(
        "create table raw.app__activity_report as select 'R' || i as report_id, "
        "date '2025-01-02' + cast(i as integer) as activity_date, "
        "timestamp '2025-01-21 06:00' as _ingested_at from range(20) t(i)"
    )
    con.execute(
        "create table raw.reference__public_holiday as "
        "select date '2025-01-01' as holiday_date, 'Tahun Baru' as holiday_name"
    )
    con.execute("create table raw.simpeg__employee as select 'P0' as nip, now() as _ingested_at")
    con.execute(
        "create table raw.app__behaviour_rating as select 'P0' as nip, now() as _ingested_at"
    )
    yield con
    con.close()


def days_after(con, change: str | None, code_root: Path, window=JANUARY) -> str | None:
    """EPERF_DAYS of a build of ``window`` after ``change``, a January build recorded before it."""
    before = build_inputs.build_digests(con, DAY_MANIFEST, code_root, "rules", JANUARY)
    record_build(con, JANUARY, before, "run-january")
    if change:
        con.execute(change)
    now = build_inputs.build_digests(con, DAY_MANIFEST, code_root, "rules", window)
    return build_inputs.changed_days(con, window, now, DAY_MANIFEST)


def test_the_sources_read_by_day_partitioned_models_and_their_day_keys():
    assert build_inputs.day_model_inputs(DAY_MANIFEST) == {
        "raw.attendance__punch",
        "raw.app__activity_report",
        "raw.reference__public_holiday",
        "raw.simpeg__employee",
    }
    assert build_inputs.day_keyed_sources(DAY_MANIFEST) == {
        "raw.attendance__punch": build_inputs.DayKeyed("punch_time", 1, observes=True),
        "raw.app__activity_report": build_inputs.DayKeyed("activity_date", 0),
        "raw.reference__public_holiday": build_inputs.DayKeyed("holiday_date", 0),
    }


@pytest.mark.parametrize(
    ("change", "days"),
    [
        # nothing a day-partitioned model reads changed (a new behaviour rating)
        ("insert into raw.app__behaviour_rating values ('P1', now())", "none"),
        # a device re-sends 10 January: that day and the day either side (local dates)
        (
            "update raw.attendance__punch set _ingested_at = now() "
            "where cast(punch_time as date) = date '2025-01-10'",
            "2025-01-09..2025-01-11",
        ),
        # a punch of 10 January deleted: the count of the day moves
        (
            "delete from raw.attendance__punch where rowid = (select min(rowid) "
            "from raw.attendance__punch where cast(punch_time as date) = date '2025-01-10')",
            "2025-01-09..2025-01-11",
        ),
        # punches and a report on two days: the range between them
        (
            "update raw.attendance__punch set _ingested_at = now() "
            "where cast(punch_time as date) = date '2025-01-05'; "
            "update raw.app__activity_report set _ingested_at = now() "
            "where activity_date = date '2025-01-15'",
            "2025-01-04..2025-01-15",
        ),
        # exports of 24 January after 21 January: 22 and 23 January become observed as well
        # (each day of the change widened by the punches' margin)
        (
            "insert into raw.attendance__punch values ('P0', timestamp '2025-01-24 07:00', now())",
            "2025-01-21..2025-01-25",
        ),
        # a change in December reaches 1 January only (a punch's local date), not December
        (
            "insert into raw.attendance__punch values ('P0', timestamp '2024-12-31 23:00', now())",
            "2025-01-01..2025-01-01",
        ),
        # a holiday added on 15 January (no load time: the day's rows are hashed); a later
        # newest holiday marks nothing observed, so the days before it stay
        (
            "insert into raw.reference__public_holiday values (date '2025-01-15', 'Libur')",
            "2025-01-15..2025-01-15",
        ),
        (
            "update raw.reference__public_holiday set holiday_name = 'Tahun Baru Masehi'",
            "2025-01-01..2025-01-01",
        ),
        # a February report is not January's
        ("insert into raw.app__activity_report values ('R99', date '2025-02-03', now())", "none"),
        # an employee changed: every day is rebuilt
        ("insert into raw.simpeg__employee values ('P9', now())", None),
    ],
)
def test_a_build_rebuilds_the_days_whose_inputs_changed(day_con, tmp_path, change, days):
    assert days_after(day_con, change, tmp_path) == days


def test_every_day_is_rebuilt_without_a_comparable_build(day_con, tmp_path):
    change = "update raw.app__activity_report set _ingested_at = now() where report_id = 'R3'"
    assert days_after(day_con, change, tmp_path) == "2025-01-05..2025-01-05"
    # no window (a build of every period), a window no build covers, or other code
    now = build_inputs.build_digests(day_con, DAY_MANIFEST, tmp_path, "rules", None)
    assert build_inputs.changed_days(day_con, None, now, DAY_MANIFEST) is None
    march = ("2025-03", "2025-03")
    now = build_inputs.build_digests(day_con, DAY_MANIFEST, tmp_path, "rules", march)
    assert build_inputs.changed_days(day_con, march, now, DAY_MANIFEST) is None
    now = build_inputs.build_digests(day_con, DAY_MANIFEST, tmp_path, "other rules", JANUARY)
    assert build_inputs.changed_days(day_con, JANUARY, now, DAY_MANIFEST) is None
    # a build recorded before the digests of each table and day were
    day_con.execute("update quality.dbt_builds set days = null")
    now = build_inputs.build_digests(day_con, DAY_MANIFEST, tmp_path, "rules", JANUARY)
    assert build_inputs.changed_days(day_con, JANUARY, now, DAY_MANIFEST) is None
