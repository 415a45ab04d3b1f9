"""Incremental, idempotent ingestion on real source databases (SQLite here; PostgreSQL and
MariaDB in test_source_engines.py): watermarks, hash-skipped re-reads, file manifest, quarantine."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from ingestion import database, device_files, punches
from ingestion.batch import Batch
from ingestion.contract import APP, SIMPEG
from tests.e2e.tiny_sources import E1, E2, write_tiny_sources


@pytest.fixture()
def sources(tmp_path):
    urls = {
        "simpeg": f"sqlite:///{tmp_path / 'simpeg.sqlite'}",
        "app": f"sqlite:///{tmp_path / 'app.sqlite'}",
    }
    attendance = tmp_path / "attendance"
    write_tiny_sources(urls["simpeg"], urls["app"], attendance)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield urls, attendance, con
    con.close()


def ingest(con, urls: dict, attendance: Path) -> dict:
    reports = {
        "simpeg": database.load_database(con, urls["simpeg"], "simpeg", SIMPEG, Batch("simpeg")),
        "app": database.load_database(con, urls["app"], "app", APP, Batch("app")),
    }
    reports["attendance"] = punches.load_punches(con, attendance, Batch("attendance"))
    return reports


def snapshot(con) -> dict:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' "
            "and table_name not in ('ingestion_watermark') order by 1"
        ).fetchall()
    ]
    return {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in tables}


def execute(url: str, sql: str, **params) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(sql), params)
    engine.dispose()


def test_running_twice_changes_nothing(sources):
    urls, attendance, con = sources
    first = ingest(con, urls, attendance)
    assert first["app"].rows_changed["activity_report"] > 0
    before = snapshot(con)
    second = ingest(con, urls, attendance)
    assert sum(second["app"].rows_changed.values()) == 0
    assert sum(second["simpeg"].rows_changed.values()) == 0
    assert second["attendance"].rows_in["files_processed"] == 0
    assert snapshot(con) == before  # rows, lineage, manifest and quarantine alike


def test_status_change_after_a_run_is_picked_up(sources):
    urls, attendance, con = sources
    ingest(con, urls, attendance)
    report_id = con.execute(
        "select report_id from raw.app__activity_report where status = 'SUBMITTED'"
    ).fetchone()[0]
    execute(
        urls["app"],
        "update activity_report set status = 'APPROVED', updated_at = :at where report_id = :id",
        at=datetime(2025, 2, 3, 9, 0),
        id=report_id,
    )
    second = ingest(con, urls, attendance)
    assert second["app"].rows_changed["activity_report"] == 1
    status, batch = con.execute(
        "select status, _batch_id from raw.app__activity_report where report_id = ?", [report_id]
    ).fetchone()
    assert (status, batch) == ("APPROVED", second["app"].batch_id)
    assert con.execute("select count(*) from raw.app__activity_report").fetchone()[0] == len(
        {r[0] for r in con.execute("select report_id from raw.app__activity_report").fetchall()}
    )


def test_soft_delete_arrives_as_an_update(sources):
    urls, attendance, con = sources
    ingest(con, urls, attendance)
    execute(
        urls["app"],
        "update activity_report set deleted = 1, updated_at = :at "
        "where report_id = '00000000-0000-0000-0000-000000000001'",
        at=datetime(2025, 2, 3),
    )
    ingest(con, urls, attendance)
    assert con.execute(
        "select deleted from raw.app__activity_report "
        "where report_id = '00000000-0000-0000-0000-000000000001'"
    ).fetchone() == (True,)


def test_resent_file_with_one_more_punch_adds_exactly_that_punch(sources):
    urls, attendance, con = sources
    ingest(con, urls, attendance)
    count = con.execute("select count(*) from raw.attendance__punch").fetchone()[0]
    day_file = attendance / "DEV-JKT" / "2025-01-02.csv"
    day_file.write_text(
        day_file.read_text(encoding="utf-8") + f"DEV-JKT,{E1},2025-01-02 12:00:00,FACE,0\n",
        encoding="utf-8",
    )
    report = ingest(con, urls, attendance)["attendance"]
    assert con.execute("select count(*) from raw.attendance__punch").fetchone()[0] == count + 1
    assert report.rows_in["files_processed"] == 1
    assert (
        con.execute(
            "select count(*) from raw.attendance__punch "
            "where _source_file = 'DEV-JKT/2025-01-02.csv' "
            "and punch_time = timestamp '2025-01-02 12:00:00'"
        ).fetchone()[0]
        == 1
    )


def test_late_employee_record_releases_quarantined_punches(sources):
    urls, attendance, con = sources
    ingest(con, urls, attendance)
    unknown = con.execute(
        "select count(*) from raw.quarantine where reason = 'UNKNOWN_PIN'"
    ).fetchone()[0]
    assert unknown == 1
    execute(
        urls["simpeg"],
        "insert into employee values ('199999999999999999', 'Baru', 'L', '1999-09-09', 'PNS', "
        "'II/a', '2025-01-01', '2025-01-01', null, '2025-02-01 00:00:00')",
    )
    ingest(con, urls, attendance)
    assert (
        con.execute("select count(*) from raw.quarantine where reason = 'UNKNOWN_PIN'").fetchone()[
            0
        ]
        == 0
    )
    assert (
        con.execute(
            "select count(*) from raw.attendance__punch where pin = '199999999999999999'"
        ).fetchone()[0]
        == 1
    )


def test_bad_rows_are_quarantined_once_and_neighbours_kept(sources):
    urls, attendance, con = sources
    execute(
        urls["app"],
        "insert into leave_request values (99, :nip, 'CUTI_SAKIT', "
        "'2025-13-45', '2025-01-10', 'APPROVED', null, '2025-01-05 00:00:00')",
        nip=E2,
    )
    execute(
        urls["app"],
        "insert into leave_request values (98, :nip, 'CUTI_SAKIT', "
        "'2025-01-09', '2025-01-10', 'APPROVED', null, 'not a time')",
        nip=E2,
    )
    first = ingest(con, urls, attendance)["app"]
    assert first.rows_quarantined["leave_request"] == 2
    assert first.rows_in["leave_request"] == first.rows_loaded["leave_request"] + 2
    reasons = con.execute(
        "select reason, count(*) from raw.quarantine "
        "where source_object = 'leave_request' group by 1"
    ).fetchall()
    assert reasons == [("BAD_TYPE", 2)]
    ingest(con, urls, attendance)  # the bad rows are read again (no valid watermark) ...
    assert (
        con.execute(  # ... but not quarantined twice
            "select count(*) from raw.quarantine where source_object = 'leave_request'"
        ).fetchone()[0]
        == 2
    )
    assert con.execute("select count(*) from raw.app__leave_request").fetchone()[0] == 3


def test_unchanged_export_files_are_not_read_again(sources, monkeypatch):
    urls, attendance, con = sources
    ingest(con, urls, attendance)
    hashed = []
    real_sha256 = device_files.hashlib.sha256

    def counting_sha256(data):
        hashed.append(len(data))
        return real_sha256(data)

    monkeypatch.setattr(device_files.hashlib, "sha256", counting_sha256)
    before = snapshot(con)
    assert ingest(con, urls, attendance)["attendance"].rows_in["files_processed"] == 0
    assert hashed == []  # size and modification time matched the manifest
    assert snapshot(con) == before

    # Rewritten with the same bytes: read and hashed once, not reprocessed, then known again.
    touched = sorted(attendance.glob("*/*.csv"))[0]
    touched.write_bytes(touched.read_bytes())
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert ingest(con, urls, attendance)["attendance"].rows_in["files_processed"] == 0
    assert len(hashed) == 1
    assert ingest(con, urls, attendance)["attendance"].rows_in["files_processed"] == 0
    assert len(hashed) == 1


def _punches_and_rejects(con) -> tuple[list, list]:
    punch_rows = con.execute(
        "select device_sn, pin, punch_time, _source_file, _row_number "
        "from raw.attendance__punch order by all"
    ).fetchall()
    rejects = con.execute(
        "select source_object, row_number, reason from raw.quarantine "
        "where source = 'attendance' order by all"
    ).fetchall()
    return punch_rows, rejects


def test_files_checked_a_slice_at_a_time_give_the_same_rows(sources, tmp_path, monkeypatch):
    urls, attendance, con = sources
    # A device re-sends the first punch of one day at the end of its next day's file: the later
    # copy is a DUPLICATE even when the two files are checked in different slices.
    first, second = sorted(next(p for p in attendance.iterdir() if p.is_dir()).glob("*.csv"))[:2]
    repeated = first.read_text().splitlines()[1]
    second.write_text(second.read_text().rstrip("\n") + "\n" + repeated + "\n")
    repeated_line = len(second.read_text().splitlines())

    ingest(con, urls, attendance)
    whole = _punches_and_rejects(con)
    name = second.relative_to(attendance).as_posix()
    assert (name, repeated_line, "DUPLICATE") in whole[1]

    monkeypatch.setenv("EPERF_PUNCH_FILES_PER_SLICE", "1")
    sliced_con = duckdb.connect(str(tmp_path / "sliced.duckdb"))
    try:
        report = ingest(sliced_con, urls, attendance)["attendance"]
        assert _punches_and_rejects(sliced_con) == whole
        lines = report.rows_in[punches.OBJECT]
        assert lines == report.rows_loaded[punches.OBJECT] + report.rows_quarantined[punches.OBJECT]
        assert lines == len(whole[0]) + len(whole[1])
    finally:
        sliced_con.close()
