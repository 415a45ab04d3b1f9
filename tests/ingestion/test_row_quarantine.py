"""The row contract at the database boundary and device enrolment, on the hand-made January
sources (tests/e2e/tiny_sources.py), through the loaders themselves (no dbt)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from ingestion import database, punches
from ingestion.batch import Batch
from ingestion.contract import APP, SIMPEG
from tests.e2e.tiny_sources import E1, E2, write_tiny_sources

LATER = datetime(2025, 2, 1, 9, 0)
NEWCOMER = "199612122025012012"


@pytest.fixture
def sources(tmp_path):
    urls = {
        "simpeg": f"sqlite:///{tmp_path / 'simpeg.sqlite'}",
        "app": f"sqlite:///{tmp_path / 'app.sqlite'}",
    }
    attendance = tmp_path / "attendance"
    write_tiny_sources(urls["simpeg"], urls["app"], attendance, defects=False)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield urls, attendance, con
    con.close()


def execute(url: str, sql: str, **params) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(sql), params)
    engine.dispose()


def load(con, urls, attendance=None) -> dict:
    reports = {
        source: database.load_database(con, urls[source], source, meta, Batch(source))
        for source, meta in (("simpeg", SIMPEG), ("app", APP))
    }
    if attendance is not None:
        reports["attendance"] = punches.load_punches(con, attendance, Batch("attendance"))
    return reports


def held(con, table: str) -> list[tuple]:
    return con.execute(
        "select reason, detail, scope_value from raw.quarantine "
        "where source_object = ? and resolved_at is null order by all",
        [table],
    ).fetchall()


def test_each_contract_rule_quarantines_its_row_with_words(sources):
    urls, _, con = sources
    insert = (
        "insert into activity_report (report_id, nip, activity_date, activity_code, quantity, "
        "status, deleted, updated_at) values "
    )
    execute(
        urls["app"],
        insert + "('r-status', :e1, '2025-01-15', 'ACT-60', 1, 'DISETUJUI', 0, :t), "
        "('r-qty', :e1, '2025-01-15', 'ACT-60', -2, 'SUBMITTED', 0, :t), "
        "('r-code', :e1, '2025-01-15', 'NO-SUCH', 1, 'SUBMITTED', 0, :t), "
        "('r-nip', :nobody, '2025-01-15', 'ACT-60', 1, 'SUBMITTED', 0, :t)",
        e1=E1,
        nobody=NEWCOMER,
        t=LATER,
    )
    execute(
        urls["simpeg"],
        "insert into employee (nip, full_name, sex, birth_date, employment_status, rank_grade, "
        "rank_since, hire_date, updated_at) values "
        "('12345', 'Pendek', 'L', '1990-01-01', 'PNS', 'III/a', '2020-01-01', '2020-01-01', :t)",
        t=LATER,
    )
    reports = load(con, urls)
    app = reports["app"]
    assert app.rows_in["activity_report"] == 115
    assert app.rows_quarantined["activity_report"] == 4
    assert app.rows_loaded["activity_report"] == 111
    assert held(con, "activity_report") == [
        ("BAD_ENUM", "status DISETUJUI is not one of: DRAFT, SUBMITTED, APPROVED, REJECTED", E1),
        ("OUT_OF_RANGE", "quantity -2.00 must be above 0", E1),
        ("UNKNOWN_REFERENCE", "activity_code NO-SUCH is not in app.activity_catalog", E1),
        ("UNKNOWN_REFERENCE", f"nip {NEWCOMER} is not in simpeg.employee", NEWCOMER),
    ]
    assert held(con, "employee") == [("BAD_FORMAT", "nip 12345 is not 18 digits", "12345")]
    scopes = con.execute(
        "select scope_kind, scope_value, first_date, last_date from raw.quarantine "
        "where source_object = 'activity_report' and row_key = '{\"report_id\":\"r-qty\"}'"
    ).fetchall()
    assert scopes == [("nip", E1, date(2025, 1, 15), date(2025, 1, 15))]


def test_a_reference_that_arrives_later_releases_the_row(sources):
    urls, _, con = sources
    execute(
        urls["app"],
        "insert into leave_request (leave_id, nip, leave_type, start_date, end_date, status, "
        "updated_at) values (50, :n, 'CUTI_TAHUNAN', '2025-01-20', '2025-01-21', 'APPROVED', :t)",
        n=NEWCOMER,
        t=LATER,
    )
    load(con, urls)
    assert [r[0] for r in held(con, "leave_request")] == ["UNKNOWN_REFERENCE"]
    load(con, urls)  # nothing changed: held once, not twice
    assert con.execute("select count(*) from raw.quarantine").fetchone() == (1,)
    # SIMPEG gains the employee; the leave request itself is not touched at the source
    execute(
        urls["simpeg"],
        "insert into employee (nip, full_name, sex, birth_date, employment_status, rank_grade, "
        "rank_since, hire_date, updated_at) values "
        "(:n, 'Baru', 'P', '1996-12-12', 'CPNS', 'III/a', '2025-01-01', '2025-01-01', :t)",
        n=NEWCOMER,
        t=datetime(2025, 2, 2, 9, 0),
    )
    load(con, urls)
    assert held(con, "leave_request") == []
    assert con.execute(
        "select resolution from raw.quarantine where source_object = 'leave_request'"
    ).fetchall() == [("LOADED",)]
    assert con.execute("select nip from raw.app__leave_request where leave_id = 50").fetchall() == [
        (NEWCOMER,)
    ]


def test_a_row_broken_again_differently_supersedes_its_first_rejection(sources):
    urls, _, con = sources
    execute(
        urls["app"],
        "insert into leave_request (leave_id, nip, leave_type, start_date, end_date, status, "
        "updated_at) values (60, :n, 'CUTI_LIBUR', '2025-01-20', '2025-01-21', 'APPROVED', :t)",
        n=E2,
        t=LATER,
    )
    load(con, urls)
    execute(
        urls["app"],
        "update leave_request set leave_type = 'CUTI_TAHUNAN', end_date = '2025-01-19', "
        "updated_at = :t where leave_id = 60",
        t=datetime(2025, 2, 3, 9, 0),
    )
    load(con, urls)
    rows = con.execute(
        "select reason, resolution, resolved_at is null from raw.quarantine order by ingested_at"
    ).fetchall()
    assert rows == [("BAD_ENUM", "SUPERSEDED", False), ("DATES_OUT_OF_ORDER", None, True)]


def test_enrolment_is_optional_but_a_missing_table_or_column_breaks_the_source(sources):
    urls, _, con = sources
    execute(urls["app"], "drop table device_user")
    assert load(con, urls)["app"].rows_in["device_user"] == 0  # optional: absent is fine
    execute(urls["app"], "alter table leave_request drop column document_number")
    with pytest.raises(database.SourceBroken, match="leave_request lacks column"):
        load(con, urls)
    execute(urls["app"], "drop table leave_request")
    with pytest.raises(database.SourceBroken, match="no table leave_request"):
        load(con, urls)


def _enrol(url: str, pin: str, nip: str, start: str, end: str | None, t: datetime) -> None:
    execute(
        url,
        "insert into device_user (device_sn, device_pin, nip, valid_from, valid_to, updated_at) "
        "values ('DEV-JKT', :p, :n, :f, :e, :t)",
        p=pin,
        n=nip,
        f=start,
        e=end,
        t=t,
    )


def test_a_short_pin_resolves_through_enrolment_and_follows_its_changes(sources):
    urls, attendance, con = sources
    day = attendance / "DEV-JKT" / "2025-01-31.csv"
    with day.open("a", encoding="utf-8") as handle:
        handle.write("DEV-JKT,5,2025-01-31 12:00:00,FINGER,0\n")
    load(con, urls, attendance)
    assert [r[0] for r in held(con, "DEV-JKT/2025-01-31.csv")] == ["UNKNOWN_PIN"]
    # the machine's id 5 is E2's from the 20th: the line is retried and loads as E2's
    _enrol(urls["app"], "5", E2, "2025-01-20", None, LATER)
    load(con, urls, attendance)
    assert held(con, "DEV-JKT/2025-01-31.csv") == []
    punch = "select nip, pin from raw.attendance__punch where pin = '5'"
    assert con.execute(punch).fetchall() == [(E2, "5")]
    # the id passes to E1 from the 26th (E2's enrolment ends the day before)
    execute(
        urls["app"],
        "update device_user set valid_to = '2025-01-25', updated_at = :t where device_pin = '5'",
        t=datetime(2025, 2, 4, 9, 0),
    )
    _enrol(urls["app"], "5", E1, "2025-01-26", None, datetime(2025, 2, 4, 9, 0))
    report = load(con, urls, attendance)["attendance"]
    assert report.rows_in["files_processed"] == len(list(Path(attendance, "DEV-JKT").glob("*")))
    assert con.execute(punch).fetchall() == [(E1, "5")]


def test_a_row_without_a_key_leaves_the_quarantine_once_it_is_given_one(sources):
    urls, _, con = sources
    execute(
        urls["app"],
        "insert into activity_report (report_id, nip, activity_date, activity_code, quantity, "
        "status, deleted, updated_at) values ('', :n, '2025-01-15', 'ACT-60', 1.5, 'DRAFT', 0, :t)",
        n=E1,
        t=LATER,
    )
    load(con, urls)
    assert [r[0] for r in held(con, "activity_report")] == ["MISSING_KEY"]
    # the app gives the row its key (and a new change time); nothing else changes
    execute(
        urls["app"],
        "update activity_report set report_id = 'given-later', updated_at = :t "
        "where report_id = ''",
        t=datetime(2025, 2, 5, 9, 0),
    )
    load(con, urls)
    assert held(con, "activity_report") == []
    assert con.execute(
        "select resolution from raw.quarantine where reason = 'MISSING_KEY'"
    ).fetchall() == [("LOADED",)]


def test_a_first_load_straight_into_raw_equals_the_checked_copy(sources, tmp_path, monkeypatch):
    """The first load of a SQLite table goes from the scanner into the empty raw table, then
    reads the rows it did not load by rowid; the incremental path casts every row into a typed
    copy first. Both give the same raw rows (hash included), counts and quarantine: here with a
    key read twice (written with a leading space, which the source's own key tells apart; the
    newer version is kept), a bad code, a bad type and a missing key."""
    urls, _, direct = sources
    insert = (
        "insert into activity_report (report_id, nip, activity_date, activity_code, quantity, "
        "status, deleted, updated_at) values "
    )
    execute(
        urls["app"],
        insert + "('r-twice', :e1, '2025-01-15', 'ACT-60', 1, 'SUBMITTED', 0, :t), "
        "(' r-twice', :e1, '2025-01-16', 'ACT-60', 2, 'SUBMITTED', 0, :later), "
        "('r-status', :e1, '2025-01-15', 'ACT-60', 1, 'DISETUJUI', 0, :t), "
        "('r-type', :e1, '2025-01-15', 'ACT-60', 'dua', 'SUBMITTED', 0, :t), "
        "('  ', :e1, '2025-01-15', 'ACT-60', 1, 'SUBMITTED', 0, :t)",
        e1=E1,
        t=LATER,
        later=datetime(2025, 2, 2, 9, 0),
    )
    lineage = ("_batch_id", "_ingested_at")
    outcome, direct_tables = {}, []
    first_load = database._load_first

    def spied(con, source, table, *args):
        direct_tables.append(table.name)
        return first_load(con, source, table, *args)

    monkeypatch.setattr(database, "_load_first", spied)
    for name, con in (("direct", direct), ("checked", duckdb.connect(str(tmp_path / "c.db")))):
        if name == "checked":
            monkeypatch.setattr(database, "_loads_directly", lambda *args: False)
        report = load(con, urls)["app"]
        outcome[name] = (
            (
                report.rows_in["activity_report"],
                report.rows_loaded["activity_report"],
                report.rows_quarantined["activity_report"],
                report.rows_changed["activity_report"],
            ),
            con.execute(
                f"select * exclude ({', '.join(lineage)}) from raw.app__activity_report "
                "order by _row_number"
            ).fetchall(),
            con.execute(
                "select row_number, reason, detail, raw_text, row_key, scope_value "
                "from raw.quarantine where source_object = 'activity_report' order by all"
            ).fetchall(),
        )
    assert "activity_report" in direct_tables  # the first connection took the direct path
    assert outcome["direct"] == outcome["checked"]
    counts, stored, quarantined = outcome["direct"]
    assert counts == (116, 112, 4, 112)
    twice = [row for row in stored if row[0] == "r-twice"]
    assert len(twice) == 1 and twice[0][2] == date(2025, 1, 16)  # the newer version
    assert sorted((r, d) for _, r, d, *_ in quarantined) == [
        ("BAD_ENUM", "status DISETUJUI is not one of: DRAFT, SUBMITTED, APPROVED, REJECTED"),
        ("BAD_TYPE", "quantity does not convert to its contract type"),
        ("DUPLICATE_KEY", "a newer row with the same key was kept"),
        ("MISSING_KEY", "report_id empty"),
    ]
    # the kept-out version's text as read, for the data team
    assert '"activity_date":"2025-01-15"' in next(
        t for _, r, _, t, *_ in quarantined if r == "DUPLICATE_KEY"
    )
