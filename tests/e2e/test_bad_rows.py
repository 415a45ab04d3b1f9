"""One bad row never stops anyone's pay; a source broken as a whole stops publication.

The hand-computed January sources (tests/e2e/tiny_sources.py) plus one row of each kind that
breaks the sources contract. Each is an extra row, so every employee's numbers stay the
hand-computed ones; the rows are quarantined with their reasons, the employee-months they may
have changed are marked (and only those), and the month cannot be closed without --force.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from eperf import serving
from tests.conftest import run_eperf, source_env
from tests.e2e.tiny_sources import (
    E1,
    E2,
    E4,
    E5,
    EXPECTED,
    assert_hand_computed_month,
    write_tiny_sources,
)

# Whole pipeline runs (about two minutes each on two cores): with the slow suites, which CI runs
# as their own step, so `make test` stays within its time.
pytestmark = pytest.mark.slow

T1 = datetime(2025, 1, 31, 18, 0)
NOBODY = "199911112020011999"  # 18 digits, no employee's NIP


def _report(report_id: str, nip: str, **values) -> dict:
    row = dict(
        report_id=report_id,
        nip=nip,
        activity_date=date(2025, 1, 15),
        activity_code="ACT-60",
        quantity=Decimal("1"),
        start_time=None,
        end_time=None,
        description="Rapat koordinasi",
        evidence_ref=None,
        status="SUBMITTED",
        submitted_at=T1,
        reviewed_by=None,
        reviewed_at=None,
        deleted=False,
        updated_at=T1,
    )
    return {**row, **values}


def _leave(leave_id: int, nip: str, **values) -> dict:
    row = dict(
        leave_id=leave_id,
        nip=nip,
        leave_type="CUTI_TAHUNAN",
        start_date=date(2025, 1, 13),
        end_date=date(2025, 1, 14),
        status="APPROVED",
        document_number=None,
        updated_at=T1,
    )
    return {**row, **values}


# (table, row, reason, the employee-month it may have changed or None)
BAD_ROWS = [
    ("activity_report", _report("bad-status", E1, status="DISETUJUI"), "BAD_ENUM", E1),
    ("activity_report", _report("bad-quantity", E2, quantity=Decimal("0")), "OUT_OF_RANGE", E2),
    ("activity_report", _report("", E1), "MISSING_KEY", E1),
    ("activity_report", _report("bad-nip", NOBODY), "UNKNOWN_REFERENCE", None),
    ("leave_request", _leave(91, E5, leave_type="CUTI_LIBUR"), "BAD_ENUM", E5),
    (
        "leave_request",
        _leave(92, E4, start_date=date(2025, 1, 24), end_date=date(2025, 1, 23)),
        "DATES_OUT_OF_ORDER",
        E4,
    ),
]


def _insert(url: str, table: str, rows: list[dict]) -> None:
    from ingestion.contract import APP

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(APP.tables[table].insert(), rows)
    engine.dispose()


def _execute(url: str, sql: str, **params) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(sql), params)
    engine.dispose()


def _query(env: dict, sql: str, params: list | None = None) -> list[tuple]:
    path = Path(env["EPERF_DATA_DIR"]) / "warehouse.duckdb"
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def bad_rows_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_rows")
    env = source_env(root)
    # four bad reports among 111 (3.5 %) are still single bad rows here: the threshold is a
    # parameter, raised for this month; the default is exercised by the broken-source test
    env["EPERF_QUARANTINE_BLOCK_SHARE"] = "0.05"
    Path(env["DAGSTER_HOME"]).mkdir()
    write_tiny_sources(
        env["EPERF_SIMPEG_URL"],
        env["EPERF_APP_URL"],
        Path(env["EPERF_ATTENDANCE_DIR"]),
        defects=False,
    )
    for table, row, _, _ in BAD_ROWS:
        _insert(env["EPERF_APP_URL"], table, [row])
    result = run_eperf(["run"], env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return env


@pytest.mark.parametrize("nip", sorted(EXPECTED))
def test_every_employee_keeps_the_hand_computed_month(bad_rows_run, nip):
    assert_hand_computed_month(Path(bad_rows_run["EPERF_DATA_DIR"]) / "warehouse.duckdb", nip)


def test_the_release_is_published(bad_rows_run):
    manifest = serving.release_manifest(Path(bad_rows_run["EPERF_DATA_DIR"]) / "serving")
    assert manifest["row_counts"]["fct_employee_monthly"] == len(EXPECTED)


def test_each_bad_row_is_quarantined_once_with_its_reason(bad_rows_run):
    found = _query(
        bad_rows_run,
        "select source_object, reason, json_extract_string(raw_text, '$.nip') from raw.quarantine "
        "where source = 'app' and resolved_at is null order by all",
    )
    assert found == sorted((t, reason, row["nip"]) for t, row, reason, _ in BAD_ROWS)
    # and none reached raw
    assert _query(
        bad_rows_run,
        "select count(*) from raw.app__activity_report where report_id like 'bad-%' "
        "or nip = ? or status = 'DISETUJUI'",
        [NOBODY],
    ) == [(0,)]


def test_exactly_the_affected_employee_months_are_marked(bad_rows_run):
    expected: dict[str, int] = {}
    for _, _, _, nip in BAD_ROWS:
        if nip:
            expected[nip] = expected.get(nip, 0) + 1
    marked = _query(
        bad_rows_run,
        "select nip, quarantined_rows from marts.fct_employee_monthly "
        "where has_quarantined_input order by nip",
    )
    assert marked == sorted(expected.items())
    assert _query(
        bad_rows_run,
        "select count(*) from marts.fct_employee_monthly "
        "where not has_quarantined_input and quarantined_rows = 0",
    ) == [(len(EXPECTED) - len(expected),)]


def test_the_month_cannot_be_closed_without_force(bad_rows_run):
    refused = run_eperf(["close", "--period", "2025-01"], bad_rows_run)
    assert refused.returncode == 2
    for nip in (E1, E2, E4, E5):
        assert nip in refused.stderr
    assert _query(bad_rows_run, "select count(*) from ledger.period_close_log") == [(0,)]


def test_rerunning_changes_nothing(bad_rows_run):
    tables = ("raw.quarantine", "marts.fct_employee_monthly", "raw.app__activity_report")
    before = {t: _query(bad_rows_run, f"select * from {t} order by all") for t in tables}
    result = run_eperf(["run"], bad_rows_run)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {t: _query(bad_rows_run, f"select * from {t} order by all") for t in tables} == before


def test_a_row_fixed_at_the_source_leaves_the_quarantine(bad_rows_run):
    url = bad_rows_run["EPERF_APP_URL"]
    later = datetime(2025, 2, 1, 9, 0)
    # the leave type corrected (and the request since rejected, so pay does not move)
    _execute(
        url,
        "update leave_request set leave_type = 'CUTI_TAHUNAN', status = 'REJECTED', "
        "updated_at = :t where leave_id = 91",
        t=later,
    )
    # the report without a key gets one (a submitted report: pay does not move)
    _execute(
        url,
        "update activity_report set report_id = 'given-later', updated_at = :t "
        "where report_id = ''",
        t=later,
    )
    result = run_eperf(["run"], bad_rows_run)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _query(
        bad_rows_run,
        "select resolution from raw.quarantine where source_object = 'leave_request' "
        "and json_extract_string(raw_text, '$.leave_id') = '91'",
    ) == [("LOADED",)]
    assert _query(
        bad_rows_run,
        "select leave_type, status from raw.app__leave_request where leave_id = 91",
    ) == [("CUTI_TAHUNAN", "REJECTED")]
    assert _query(
        bad_rows_run,
        "select has_quarantined_input from marts.fct_employee_monthly where nip = ?",
        [E5],
    ) == [(False,)]
    assert _query(
        bad_rows_run, "select resolution from raw.quarantine where reason = 'MISSING_KEY'"
    ) == [("LOADED",)]
    # E1 keeps one held row (the status outside the code list), no longer two
    assert _query(
        bad_rows_run,
        "select quarantined_rows from marts.fct_employee_monthly where nip = ?",
        [E1],
    ) == [(1,)]


def test_a_broken_source_stops_publication_and_keeps_the_last_release(tmp_path):
    env = source_env(tmp_path)
    Path(env["DAGSTER_HOME"]).mkdir()
    write_tiny_sources(
        env["EPERF_SIMPEG_URL"],
        env["EPERF_APP_URL"],
        Path(env["EPERF_ATTENDANCE_DIR"]),
        defects=False,
    )
    first = run_eperf(["run"], env)
    assert first.returncode == 0, first.stderr[-3000:]
    serving_dir = Path(env["EPERF_DATA_DIR"]) / "serving"
    good_release = serving.release_manifest(serving_dir)["release_id"]
    # 6 of the 111 reports (5.4 %) get a status outside the code list: a broken source
    _execute(
        env["EPERF_APP_URL"],
        "update activity_report set status = 'DIPROSES', updated_at = :t "
        "where report_id in (select report_id from activity_report order by report_id limit 6)",
        t=datetime(2025, 2, 1, 9, 0),
    )
    second = run_eperf(["run"], env)
    assert second.returncode == 1
    assert "app.activity_report" in second.stderr and "5.4%" in second.stderr
    assert "app__activity_report__rejected_share" in second.stderr
    assert serving.release_manifest(serving_dir)["release_id"] == good_release
    # the six rows are held, the stored versions untouched
    assert _query(
        env,
        "select count(*) from raw.quarantine where source_object = 'activity_report' "
        "and reason = 'BAD_ENUM' and resolved_at is null",
    ) == [(6,)]
    assert _query(
        env, "select count(*) from raw.app__activity_report where status = 'DIPROSES'"
    ) == [(0,)]
