"""A suite whose inputs are unchanged returns its last outcome instead of running again, and any
change to a table it reads (or to the suite) runs it again."""

from __future__ import annotations

import duckdb
import pytest

from data_quality.suites import Expectation, Suite
from data_quality.validate import input_fingerprint, validate_table


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(
        "create schema raw; create table raw.app__leave_request "
        "(leave_id integer, status varchar, _ingested_at timestamp)"
    )
    con.execute(
        "insert into raw.app__leave_request values "
        "(1, 'APPROVED', timestamp '2025-01-01 06:00'), "
        "(2, 'PENDING', timestamp '2025-01-01 06:00')"
    )
    yield con
    con.close()


def _suite(values: list[str]) -> Suite:
    return Suite(
        "app__leave_request__contract",
        ("app", "leave_request"),
        "select t.leave_id, t.status from raw.app__leave_request t",
        lambda: [Expectation("ExpectColumnValuesToBeInSet", "status", {"value_set": values})],
        True,
    )


def _results(con) -> int:
    return con.execute("select count(*) from raw.data_quality_results").fetchone()[0]


def test_unchanged_inputs_reuse_the_outcome_and_a_new_batch_runs_again(con):
    suite = _suite(["APPROVED", "PENDING"])
    first = validate_table(con, suite)
    assert (first.success, first.element_count, first.reused) == (True, 2, False)
    again = validate_table(con, suite)
    assert (again.success, again.element_count, again.reused) == (True, 2, True)
    assert _results(con) == 1  # the reused outcome is not logged as a new validation

    con.execute("insert into raw.app__leave_request values (3, 'BATAL', now()::timestamp)")
    changed = validate_table(con, suite)
    assert (changed.success, changed.element_count, changed.reused) == (False, 3, False)
    assert changed.failures[0]["unexpected_count"] == 1


def test_a_failed_contract_stays_failed_while_its_table_is_unchanged(con):
    suite = _suite(["APPROVED"])
    assert not validate_table(con, suite).success
    reused = validate_table(con, suite)
    assert reused.reused and not reused.success
    assert reused.failures[0]["column"] == "status"


def test_the_fingerprint_follows_the_suite_and_every_table_it_reads(con):
    before = input_fingerprint(con, _suite(["APPROVED", "PENDING"]))
    assert input_fingerprint(con, _suite(["APPROVED", "PENDING"])) == before
    assert input_fingerprint(con, _suite(["APPROVED"])) != before
    con.execute("delete from raw.app__leave_request where leave_id = 2")
    assert input_fingerprint(con, _suite(["APPROVED", "PENDING"])) != before
    unstamped = Suite("x", ("reference", "public_holiday"), "select 1 from raw.h t", list, False)
    con.execute("create table raw.h (holiday_date date)")
    assert input_fingerprint(con, unstamped) is None  # no _ingested_at: always validated


def _row_wise_suite() -> Suite:
    return Suite(
        "app__leave_request__contract",
        ("app", "leave_request"),
        "select t.leave_id, t.status from raw.app__leave_request t",
        lambda: [Expectation("ExpectColumnValuesToBeInSet", "status", {"value_set": ["APPROVED"]})],
        True,
        row_wise=True,
    )


def test_a_row_wise_suite_that_passed_validates_only_the_new_rows(con):
    con.execute("update raw.app__leave_request set status = 'APPROVED'")
    suite = _row_wise_suite()
    assert validate_table(con, suite).success
    # Row 1 is altered without a new stamp (no loader does this): only rows landed after the
    # last run are read, so it goes unseen while the suite keeps passing.
    con.execute("update raw.app__leave_request set status = 'BATAL' where leave_id = 1")
    con.execute(
        "insert into raw.app__leave_request values (3, 'APPROVED', timestamp '2025-01-02 06:00')"
    )
    partial = validate_table(con, suite)
    assert (partial.success, partial.element_count, partial.reused) == (True, 3, False)
    con.execute(
        "insert into raw.app__leave_request values (4, 'BATAL', timestamp '2025-01-03 06:00')"
    )
    failed = validate_table(con, suite)
    assert (failed.success, failed.element_count) == (False, 4)
    assert failed.failures[0]["unexpected_count"] == 1  # row 4 only
    # After a failure the next run validates the whole table again.
    con.execute("insert into raw.app__leave_request values (5, 'APPROVED', now()::timestamp)")
    full = validate_table(con, suite)
    assert (full.success, full.element_count) == (False, 5)
    assert full.failures[0]["unexpected_count"] == 2  # rows 1 and 4


def test_a_row_wise_suite_validated_in_slices_gives_the_whole_table_outcome(con, monkeypatch):
    """5,000 rows in slices of one 2,048-row vector (3 slices): bad rows in the first and the
    last slice are counted together and sampled in order, as when the table is one frame."""
    from data_quality import validate

    con.execute("delete from raw.app__leave_request")
    con.execute(
        "insert into raw.app__leave_request select i, case when i in (7, 4999) then 'BATAL' "
        "when i = 3000 then 'DITOLAK' else 'APPROVED' end, timestamp '2025-01-01 06:00' "
        "from range(5000) r(i) order by i"
    )
    suite = _row_wise_suite()
    sql = f"{suite.query} order by t.leave_id"
    whole = validate.validate_frame(con.execute(sql).df(), suite)
    monkeypatch.setenv("EPERF_GX_ROWS_PER_SLICE", "1")  # one DuckDB vector per slice
    sliced = validate.validate_query(con, suite, sql)
    assert (sliced.success, sliced.element_count) == (False, 5000)
    assert sliced.failures == whole.failures
    assert sliced.failures[0]["unexpected_count"] == 3
    assert sliced.failures[0]["sample"] == ["BATAL", "DITOLAK", "BATAL"]
