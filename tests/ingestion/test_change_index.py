"""Watermark reads through a SQLite index on the change time (ingestion/landing.py): they take
the same rows as a scan of the whole table, malformed change times included."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import duckdb
import pytest
import sqlalchemy as sa

from ingestion import landing
from ingestion.contract import APP
from tests.e2e.tiny_sources import write_tiny_sources
from tests.ingestion.test_incremental import execute, ingest, snapshot

SINCE = datetime(2025, 2, 1, 8, 30, 15, 500000)


def _table(rows: list[tuple[int, object]], indexed: bool, path) -> str:
    con = sqlite3.connect(path)
    con.execute("create table t (id integer primary key, updated_at datetime)")
    con.executemany("insert into t values (?, ?)", rows)
    if indexed:
        con.execute("create index t_updated on t (updated_at)")
    con.commit()
    con.close()
    return f"sqlite:///{path}"


def test_only_well_formed_times_before_the_watermark_are_left_out(tmp_path, monkeypatch):
    rows = [
        (1, "2025-01-31 23:59:59"),  # before: left out
        (2, "2025-02-01 08:30:14.999999"),  # before, with microseconds: left out
        (3, "2025-02-01 08:30:15"),  # the watermark's second: taken
        (4, "2025-02-03 10:00:00.000000"),  # after: taken
        (5, "05/01/2024 10:00"),  # not a timestamp, sorts before: taken (to quarantine)
        (6, "2025-02-30 10:00:00"),  # no such day: taken
        (7, 1700000000),  # a number: taken
        (8, None),  # no change time: taken
        (9, "2025-01-31 10:00:00+07:00"),  # an offset DuckDB may read otherwise: taken
        (10, "2025-01-31 10:00:00.1234567"),  # more digits than microseconds: taken
        (11, "2025-01-31 10:00:00.123"),  # before, with milliseconds: left out
        (12, "2025-01-31 10:00:00."),  # a point with no digits: taken
        (13, "2025-01-31 10:00:00.12x"),  # a letter in the fraction: taken
    ]
    url = _table(rows, indexed=True, path=tmp_path / "indexed.sqlite")
    table = sa.Table(
        "t", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("updated_at")
    )
    taken = [3, 4, 5, 6, 7, 8, 9, 10, 12, 13]
    for parts in (1, 2, 3, 7):  # the index searched in one range or in several at once
        monkeypatch.setattr(landing, "CHANGE_SEARCH_PARTS", parts)
        assert landing.sqlite_changed_rowids(url, table, "updated_at", SINCE) == taken
    plain = _table(rows, indexed=False, path=tmp_path / "plain.sqlite")
    assert landing.sqlite_changed_rowids(plain, table, "updated_at", SINCE) is None
    monkeypatch.setattr(landing, "MAX_CHANGED_ROWIDS", len(taken) - 1)  # a mass update: scan
    assert landing.sqlite_changed_rowids(url, table, "updated_at", SINCE) is None


def test_the_index_ranges_hold_every_value_once(tmp_path):
    values = ["2025-01-01 00:00:00", "2025-01-16 12:00:00", "2025-01-16 12:00:01", "2025-01-31",
              "2026-01-01 00:00:00", "abc", "", 12, 3.5, b"\x00"]  # fmt: skip
    con = sqlite3.connect(tmp_path / "v.sqlite")
    con.execute("create table t (v datetime)")
    con.executemany("insert into t values (?)", [(v,) for v in values])
    since = datetime(2025, 2, 1)
    for parts in (1, 2, 3, 4):
        ranges = landing.index_ranges("v", "2025-01-01 00:00:00", since, parts)
        assert len(ranges) == parts
        held = [con.execute(f"select count(*) from t where {r}").fetchone()[0] for r in ranges]
        assert sum(held) == len(values)
    assert landing.index_ranges("v", "05/01/2024", since, 2) == ["v is not null"]
    assert landing.index_ranges("v", None, since, 2) == ["v is not null"]


def test_the_rowid_condition_names_exactly_the_rowids(tmp_path):
    con = sqlite3.connect(tmp_path / "r.sqlite")
    con.execute("create table t (x)")
    con.executemany("insert into t (rowid, x) values (?, 0)", [(i,) for i in range(1, 60)])
    for rowids in ([], [5], [1, 2], [3, 4, 5, 6], [1, 2, 3, 9, 11, 12, 20, 21, 22, 23, 59]):
        condition = landing.rowid_condition(rowids)
        assert sorted(r for (r,) in con.execute(f"select rowid from t where {condition}")) == rowids
    assert landing.rowid_condition([7, 8, 9, 10]) == "rowid between 7 and 10"


@pytest.fixture()
def twin_sources(tmp_path):
    """The tiny sources twice: one app database with indexes on ``updated_at``, one without."""
    made = {}
    for kind in ("plain", "indexed"):
        root = tmp_path / kind
        urls = {
            "simpeg": f"sqlite:///{root / 'simpeg.sqlite'}",
            "app": f"sqlite:///{root / 'app.sqlite'}",
        }
        root.mkdir()
        write_tiny_sources(urls["simpeg"], urls["app"], root / "attendance")
        made[kind] = (urls, root / "attendance", duckdb.connect(str(root / "warehouse.duckdb")))
    app = sqlite3.connect(tmp_path / "indexed" / "app.sqlite")
    for name in ("activity_report", "leave_request"):
        app.execute(f"create index {name}_updated on {name} (updated_at)")
    app.commit()
    app.close()
    yield made
    for _, _, con in made.values():
        con.close()


def test_an_index_on_the_change_time_reads_the_same_changes(twin_sources):
    for urls, attendance, con in twin_sources.values():
        ingest(con, urls, attendance)
        execute(
            urls["app"],
            "update activity_report set status = 'APPROVED', updated_at = :at "
            "where report_id = '00000000-0000-0000-0000-000000000001'",
            at=datetime(2025, 3, 1, 9, 0),
        )
        execute(  # a change stamped with a time that does not parse: still read, quarantined
            urls["app"],
            "update leave_request set status = 'REJECTED', updated_at = '05/01/2024' "
            "where rowid = 1",
        )
        second = ingest(con, urls, attendance)
        assert second["app"].rows_changed["activity_report"] == 1
    (indexed_urls, _, indexed), plain = twin_sources["indexed"], twin_sources["plain"][2]
    assert landing.sqlite_changed_rowids(
        indexed_urls["app"], APP.tables["activity_report"], "updated_at", SINCE
    )
    strip = {"_batch_id", "_ingested_at", "batch_id", "ingested_at", "file_mtime_ns"}
    assert _without(snapshot(plain), plain, strip) == _without(snapshot(indexed), indexed, strip)
    bad = indexed.execute(
        "select count(*) from raw.quarantine where source_object = 'leave_request' "
        "and reason = 'BAD_TYPE'"
    ).fetchone()[0]
    assert bad == 1


def _without(tables: dict, con, names: set[str]) -> dict:
    """Each raw table's rows without the columns that differ from run to run (batch ids, times)."""
    out = {}
    for table, rows in tables.items():
        columns = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' "
                "and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
        ]
        keep = [i for i, c in enumerate(columns) if c not in names]
        out[table] = sorted(tuple(row[i] for i in keep) for row in rows)
    return out


@pytest.mark.parametrize("where", [1, 500, 1000])
def test_a_blob_is_found_in_whichever_range_of_rowids_it_lies(tmp_path, where):
    """The BLOB test runs in rowid ranges at once: a BLOB in the first, a middle or the last row
    is found; a WITHOUT ROWID table (no rowid ranges) is tested whole; no BLOB, no find."""
    meta = sa.MetaData()
    table = sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v"))
    path = tmp_path / "s.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table t (id integer primary key, v)")
    con.execute("create table w (id text primary key, v) without rowid")
    con.executemany("insert into t values (?, ?)", [(i, f"text {i}") for i in range(1, 1001)])
    con.executemany("insert into w values (?, ?)", [(str(i), f"text {i}") for i in range(1, 11)])
    con.commit()
    url = f"sqlite:///{path}"
    without_rowid = sa.Table("w", meta, sa.Column("id", sa.Text, primary_key=True), sa.Column("v"))
    assert not landing.sqlite_has_blobs(url, table)
    assert not landing.sqlite_has_blobs(url, without_rowid)
    con.execute("update t set v = ? where id = ?", (b"\xff\xfe", where))
    con.execute("update w set v = ? where id = '10'", (b"\xff",))
    con.commit()
    con.close()
    assert landing.sqlite_has_blobs(url, table)
    assert landing.sqlite_has_blobs(url, without_rowid)
