"""Publication by period (eperf.serving): the big marts are one Parquet file per period, and a
period whose rows did not change since the previous release is a hard link to its file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eperf import serving

MARTS = ("fct_attendance_daily", "dim_date")


def _warehouse(path: Path, statements: list[str]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists marts")
        for sql in statements:
            con.execute(sql)
    return path


def _seed(tmp_path: Path) -> Path:
    return _warehouse(
        tmp_path / "warehouse.duckdb",
        [
            "create table marts.fct_attendance_daily as select * from (values "
            "('E1', '2025-01', 5), ('E2', '2025-01', 0), ('E1', '2025-02', 7)) "
            "t(nip, period, late_minutes)",
            "create table marts.dim_date as select date '2025-01-01' as d",
        ],
    )


def _publish(warehouse: Path, serving_dir: Path, run: str) -> dict:
    return serving.publish(warehouse, serving_dir, run, "kemensos-2024", marts=MARTS)


def _period_file(serving_dir: Path, period: str) -> Path:
    release = serving.current_release_dir(serving_dir)
    return release / "fct_attendance_daily" / f"{period}.parquet"


def _published_rows(serving_dir: Path) -> list[tuple]:
    source = serving.mart_path(serving_dir, "fct_attendance_daily")
    return duckdb.sql(f"select * from read_parquet('{source}') order by all").fetchall()


def test_a_period_mart_is_one_file_per_period(tmp_path):
    warehouse, serving_dir = _seed(tmp_path), tmp_path / "serving"
    manifest = _publish(warehouse, serving_dir, "run-1")
    release = serving.current_release_dir(serving_dir)
    assert sorted(p.name for p in (release / "fct_attendance_daily").iterdir()) == [
        "2025-01.parquet",
        "2025-02.parquet",
    ]
    assert (release / "dim_date.parquet").exists()  # the others stay one file
    assert manifest["row_counts"] == {"fct_attendance_daily": 3, "dim_date": 1}
    assert manifest["periods_linked"] == {"fct_attendance_daily": 0}
    assert _published_rows(serving_dir) == [
        ("E1", "2025-01", 5),
        ("E1", "2025-02", 7),
        ("E2", "2025-01", 0),
    ]


def test_an_unchanged_period_is_linked_and_a_changed_one_rewritten(tmp_path):
    warehouse, serving_dir = _seed(tmp_path), tmp_path / "serving"
    _publish(warehouse, serving_dir, "run-1")
    january, february = (_period_file(serving_dir, p).stat().st_ino for p in ("2025-01", "2025-02"))
    _warehouse(
        warehouse,
        ["update marts.fct_attendance_daily set late_minutes = 8 where period = '2025-02'"],
    )
    manifest = _publish(warehouse, serving_dir, "run-2")
    assert manifest["periods_linked"] == {"fct_attendance_daily": 1}
    assert _period_file(serving_dir, "2025-01").stat().st_ino == january  # the same file
    assert _period_file(serving_dir, "2025-02").stat().st_ino != february
    assert ("E1", "2025-02", 8) in _published_rows(serving_dir)


@pytest.mark.parametrize(
    "change",
    [
        # a repeated row: the sum of the row hashes changes (a xor would cancel the pair out)
        "insert into marts.fct_attendance_daily values ('E2', '2025-01', 0), ('E2', '2025-01', 0)",
        # the same values under another column name: the columns are part of the fingerprint
        "alter table marts.fct_attendance_daily rename late_minutes to minutes_late",
        # the same values in another type
        "alter table marts.fct_attendance_daily alter late_minutes type bigint",
    ],
)
def test_rows_or_columns_that_differ_are_never_linked(tmp_path, change):
    warehouse, serving_dir = _seed(tmp_path), tmp_path / "serving"
    _publish(warehouse, serving_dir, "run-1")
    _warehouse(warehouse, [change])
    manifest = _publish(warehouse, serving_dir, "run-2")
    linked = manifest["periods_linked"]["fct_attendance_daily"]
    assert linked == (1 if change.startswith("insert") else 0)  # February unchanged by the insert
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = con.execute("select * from marts.fct_attendance_daily order by all").fetchall()
    assert _published_rows(serving_dir) == expected


def test_an_empty_period_mart_is_read_with_its_columns(tmp_path):
    warehouse = _warehouse(
        tmp_path / "warehouse.duckdb",
        [
            "create table marts.fct_attendance_daily "
            "(nip varchar, period varchar, late_minutes int)",
            "create table marts.dim_date as select date '2025-01-01' as d",
        ],
    )
    serving_dir = tmp_path / "serving"
    assert _publish(warehouse, serving_dir, "run-1")["row_counts"]["fct_attendance_daily"] == 0
    source = serving.mart_path(serving_dir, "fct_attendance_daily")
    relation = duckdb.sql(f"select * from read_parquet('{source}')")
    assert relation.columns == ["nip", "period", "late_minutes"] and relation.fetchall() == []


def test_a_release_of_single_files_is_still_read(tmp_path):
    """Releases published before the period files (and the dashboards' test releases)."""
    release = tmp_path / "releases" / "old"
    release.mkdir(parents=True)
    duckdb.sql(f"copy (select 'E1' as nip) to '{release / 'fct_attendance_daily.parquet'}'")
    assert serving.mart_source(release, "fct_attendance_daily") == str(
        release / "fct_attendance_daily.parquet"
    )
    assert serving.mart_source(release, "fct_tukin_lines") is None


def test_old_releases_pruned_leave_the_linked_files_of_the_current_one(tmp_path):
    warehouse, serving_dir = _seed(tmp_path), tmp_path / "serving"
    for run in range(serving.KEEP_RELEASES + 2):
        _publish(warehouse, serving_dir, f"run-{run}")
    releases = [p for p in (serving_dir / serving.RELEASES).iterdir() if p.is_dir()]
    assert len(releases) == serving.KEEP_RELEASES
    assert _published_rows(serving_dir)[0] == ("E1", "2025-01", 5)
