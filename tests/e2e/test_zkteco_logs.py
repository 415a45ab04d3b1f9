"""End to end: the hand-computed January sources with the Makassar device giving ZKTeco logs.

DEV-MKS writes no CSV here: it gives two overlapping attendance-log downloads (1-20 and 10-31
January, so 10-20 January is in both) under its own short user ids, padded with spaces, with
CRLF line ends and reserved fields after the workcode. Its enrolment (device_user) says id 3 is
E3 all month and id 9 was E6's until 16 January, then E7's from 18 January (E7 moves to UPT-B
that day). DEV-JKT stays a CSV device beside it (E3 punches at both on 15 January). Every
number must equal the hand-computed CSV month (tests/e2e/tiny_sources.py EXPECTED).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlalchemy as sa

from ingestion.contract import APP
from tests.conftest import pipeline_over, run_eperf
from tests.e2e.tiny_sources import (
    E3,
    E6,
    E7,
    EXPECTED,
    assert_hand_computed_month,
    punch_rows,
    write_tiny_sources,
)

# Whole pipeline runs (about two minutes each on two cores): with the slow suites, which CI runs
# as their own step, so `make test` stays within its time.
pytestmark = pytest.mark.slow

PINS = {E3: "3", E7: "9"}
ENROLMENT = [
    ("DEV-MKS", "3", E3, date(2020, 1, 1), None),
    ("DEV-MKS", "9", E6, date(2019, 6, 1), date(2025, 1, 16)),
    ("DEV-MKS", "9", E7, date(2025, 1, 18), None),
]
VERIFY = {"FINGER": "1"}


def _log_line(row: dict) -> str:
    # the PIN right-aligned in 9 characters, two reserved fields after the workcode
    return f"{PINS[row['pin']]:>9}\t{row['punch_time']}\t0\t1\t0\t0\t0\r\n"


def _mks_rows() -> list[dict]:
    return [r for r in punch_rows() if r["device_sn"] == "DEV-MKS"]


def write_sources_with_logs(simpeg_url: str, app_url: str, attendance_dir: Path) -> None:
    write_tiny_sources(simpeg_url, app_url, attendance_dir)
    folder = attendance_dir / "DEV-MKS"
    for csv_file in folder.glob("*.csv"):
        csv_file.unlink()
    rows = sorted(_mks_rows(), key=lambda r: r["punch_time"])
    first = [r for r in rows if r["punch_time"] < "2025-01-21"]
    second = [r for r in rows if r["punch_time"] >= "2025-01-10"]
    (folder / "attlog-2025-01-20.dat").write_bytes("".join(map(_log_line, first)).encode())
    (folder / "attlog-2025-01-31.dat").write_bytes("".join(map(_log_line, second)).encode())
    engine = sa.create_engine(app_url)
    with engine.begin() as conn:
        conn.execute(
            APP.tables["device_user"].insert(),
            [
                dict(
                    device_sn=d,
                    device_pin=p,
                    nip=n,
                    valid_from=f,
                    valid_to=t,
                    updated_at=datetime(2024, 12, 31, 12),
                )
                for d, p, n, f, t in ENROLMENT
            ],
        )
    engine.dispose()


@pytest.fixture(scope="module")
def log_pipeline(tmp_path_factory):
    return pipeline_over(tmp_path_factory.mktemp("zkteco"), write_sources_with_logs)


def _rows(run, sql: str) -> list[tuple]:
    with duckdb.connect(str(run.settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_logs_overlap_and_resolve_a_reused_id(log_pipeline):
    rows = sorted(_mks_rows(), key=lambda r: r["punch_time"])
    overlap = [r for r in rows if "2025-01-10" <= r["punch_time"] < "2025-01-21"]
    assert overlap and any(r["pin"] == E7 for r in overlap)  # id 9 is E7's in the overlap
    held = _rows(
        log_pipeline,
        "select nip, pin, count(*) from raw.attendance__punch where device_sn = 'DEV-MKS' "
        "group by all order by all",
    )
    counts = {}
    for r in rows:
        counts[r["pin"]] = counts.get(r["pin"], 0) + 1
    # one punch per (device, id, time): the overlap's second copies are merged, not doubled
    assert held == sorted([(E3, "3", counts[E3]), (E7, "9", counts[E7])])
    merged = _rows(
        log_pipeline,
        "select sum(rows_merged), sum(rows_loaded), sum(rows_quarantined) "
        "from raw.attendance__file_manifest where source_file like 'DEV-MKS/%'",
    )
    assert merged == [(len(overlap), len(rows), 0)]


@pytest.mark.parametrize("nip", sorted(EXPECTED))
def test_every_employee_month_equals_the_hand_computed_csv_month(log_pipeline, nip):
    assert_hand_computed_month(log_pipeline.settings.warehouse, nip)


def test_the_daily_codes_equal_the_csv_run(log_pipeline, tiny_pipeline):
    sql = "select * from marts.fct_attendance_daily order by nip, work_date"
    assert _rows(log_pipeline, sql) == _rows(tiny_pipeline, sql)


def test_a_new_download_repeating_the_log_changes_nothing(log_pipeline):
    folder = Path(log_pipeline.env["EPERF_ATTENDANCE_DIR"]) / "DEV-MKS"
    sql = "select * from marts.fct_employee_monthly order by nip"
    before = _rows(log_pipeline, sql)
    # the machine was not cleared: a third download holds the whole month again, LF this time
    whole = sorted(_mks_rows(), key=lambda r: r["punch_time"])
    text = "".join(_log_line(r).replace("\r\n", "\n") for r in whole)
    (folder / "attlog-2025-02-01.dat").write_bytes(text.encode())
    result = run_eperf(["run"], log_pipeline.env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _rows(log_pipeline, sql) == before
    held = _rows(
        log_pipeline,
        "select count(*) from raw.attendance__punch where device_sn = 'DEV-MKS'",
    )
    assert held == [(len(whole),)]
    frame = pd.DataFrame(
        _rows(
            log_pipeline,
            "select rows_in, rows_loaded, rows_merged from raw.attendance__file_manifest "
            "where source_file = 'DEV-MKS/attlog-2025-02-01.dat'",
        ),
        columns=["rows_in", "rows_loaded", "rows_merged"],
    )
    assert frame.to_dict("records") == [
        {"rows_in": len(whole), "rows_loaded": 0, "rows_merged": len(whole)}
    ]
