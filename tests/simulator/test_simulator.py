"""The demo-source simulator: determinism, contract shape and the invariants sources promise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from ingestion.contract import APP, PUNCH_FILE_COLUMNS, SIMPEG
from simulator import GenerationSummary, SimulatorConfig, generate_sources
from simulator.writer import write_database, write_device_files

HEADER = ",".join(PUNCH_FILE_COLUMNS)


def _config(root: Path, seed: int = 7) -> SimulatorConfig:
    return SimulatorConfig(
        simpeg_url=f"sqlite:///{root / 'db' / 'simpeg.sqlite'}",
        app_url=f"sqlite:///{root / 'db' / 'app.sqlite'}",
        attendance_dir=root / "attendance",
        employees=60,
        months=1,
        start_period="2025-03",  # Ramadan and the Eid cuti bersama fall in this month
        seed=seed,
    )


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[SimulatorConfig, GenerationSummary]]:
    result = []
    for name in ("first", "second"):
        config = _config(tmp_path_factory.mktemp(name))
        result.append((config, generate_sources(config)))
    return result


@pytest.fixture(scope="module")
def source(runs) -> dict[str, pd.DataFrame]:
    config, _ = runs[0]
    tables = {}
    for url, metadata in ((config.simpeg_url, SIMPEG), (config.app_url, APP)):
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                keys = [column.name for column in table.primary_key.columns]
                query = sa.select(table).order_by(*[table.c[k] for k in keys])
                tables[table.name] = pd.read_sql(query, conn)
        engine.dispose()
    return tables


def _read_all(config: SimulatorConfig) -> dict[str, list[tuple]]:
    rows = {}
    for url, metadata in ((config.simpeg_url, SIMPEG), (config.app_url, APP)):
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                rows[table.name] = sorted(conn.execute(sa.select(table)).all(), key=repr)
        engine.dispose()
    return rows


def _files(config: SimulatorConfig) -> dict[str, bytes]:
    root = config.attendance_dir
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.csv"))}


def test_same_seed_gives_identical_sources(runs) -> None:
    (first, summary), (second, other) = runs
    assert _read_all(first) == _read_all(second)
    assert _files(first) == _files(second)
    assert summary.row_counts == other.row_counts


def test_another_seed_gives_other_people(tmp_path: Path, source) -> None:
    config = _config(tmp_path, seed=8)
    generate_sources(config)
    engine = sa.create_engine(config.simpeg_url)
    with engine.connect() as conn:
        nips = set(conn.execute(sa.text("select nip from employee")).scalars())
    engine.dispose()
    assert nips != set(source["employee"]["nip"])


def test_summary_counts_what_was_written(runs, source) -> None:
    config, summary = runs[0]
    for name, frame in source.items():
        assert summary.row_counts[name] == len(frame), name
    files = _files(config)
    assert summary.row_counts["punch_files"] == len(files)
    assert summary.row_counts["punches"] == sum(body.count(b"\n") - 1 for body in files.values())
    assert summary.row_counts["employee"] == 60
    assert summary.seconds > 0


def test_nips_are_valid_and_consistent(source) -> None:
    employee = source["employee"]
    assert employee["nip"].is_unique
    for row in employee.itertuples():
        assert len(row.nip) == 18 and row.nip.isdigit()
        assert row.nip[:8] == row.birth_date.strftime("%Y%m%d")
        assert row.nip[8:14] == row.hire_date.strftime("%Y%m")
        assert row.nip[14] == {"L": "1", "P": "2"}[row.sex]
        assert row.rank_since >= row.hire_date
    assert set(employee["employment_status"]) <= {"PNS", "CPNS", "PPPK"}


def test_assignments_never_overlap(source) -> None:
    assignment = source["position_assignment"].sort_values(["nip", "start_date"])
    for _, rows in assignment.groupby("nip"):
        ends = rows["end_date"].tolist()
        starts = rows["start_date"].tolist()
        assert all(end is not None for end in ends[:-1])
        assert all(s > e for s, e in zip(starts[1:], ends[:-1], strict=True))
    assert set(assignment["nip"]) == set(source["employee"]["nip"])


def test_everyone_but_the_root_head_has_a_supervisor(source) -> None:
    assignment = source["position_assignment"]
    missing = assignment[assignment["supervisor_nip"].isna()]
    assert len(missing) == 1
    assert missing.iloc[0]["unit_id"] == "KEMENSOS"
    assert missing.iloc[0]["position_kind"] == "STRUKTURAL"
    assert set(assignment["supervisor_nip"].dropna()) <= set(source["employee"]["nip"])
    heads = assignment[assignment["position_kind"] == "STRUKTURAL"]
    assert set(assignment["unit_id"]) == set(heads["unit_id"])


def test_small_demo_spans_three_time_zones(source) -> None:
    units = source["org_unit"].set_index("unit_id")
    zones = set(units.loc[source["position_assignment"]["unit_id"], "timezone"])
    assert zones == {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}


def test_device_files_follow_the_contract(runs, source) -> None:
    config, _ = runs[0]
    devices = set(source["attendance_device"]["device_sn"])
    nips = set(source["employee"]["nip"])
    files = _files(config)
    assert files
    for name, body in files.items():
        device, day = Path(name).parent.name, Path(name).stem
        assert device in devices
        lines = body.decode("utf-8").split("\n")
        assert lines[0] == HEADER and lines[-1] == ""
        for line in lines[1:-1]:
            device_sn, pin, punch_time, mode, state = line.split(",")
            assert device_sn == device and pin in nips
            assert dt.datetime.strptime(punch_time, "%Y-%m-%d %H:%M:%S").date().isoformat() == day
            assert mode in {"FINGER", "FACE", "CARD", "MOBILE"} and state in {"0", "1"}


def test_no_punches_on_approved_leave_or_outside_assignment(runs, source) -> None:
    config, _ = runs[0]
    punches = pd.concat(
        pd.read_csv(config.attendance_dir / name, dtype={"pin": str}) for name in _files(config)
    )
    punches["day"] = pd.to_datetime(punches["punch_time"]).dt.date
    leave = source["leave_request"]
    approved = leave[leave["status"] == "APPROVED"]
    for row in approved.itertuples():
        mine = punches[punches["pin"] == row.nip]
        assert not mine["day"].between(row.start_date, row.end_date).any()
    assignment = source["position_assignment"]
    for nip, days in punches.groupby("pin")["day"]:
        spans = assignment[assignment["nip"] == nip]
        for day in days:
            assert any(
                s <= day and (e is None or pd.isna(e) or day <= e)
                for s, e in zip(spans["start_date"], spans["end_date"], strict=True)
            )


def test_reports_and_catalogue_are_consistent(source) -> None:
    report, catalog = source["activity_report"], source["activity_catalog"]
    assert report["report_id"].is_unique
    assert set(report["activity_code"]) <= set(catalog["activity_code"])
    assert (report["quantity"] > 0).all()
    assert set(report["status"]) <= {"DRAFT", "SUBMITTED", "APPROVED", "REJECTED"}
    reviewed = report[report["status"].isin(["APPROVED", "REJECTED"])].dropna(
        subset=["reviewed_at"]
    )
    assert (reviewed["reviewed_at"] > reviewed["submitted_at"]).all()
    assert catalog["activity_code"].duplicated().any()  # versioned codes exist


def test_writer_round_trip_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'folder' / 'app.sqlite'}"
    report = {
        "report_id": "0190a1b2-0000-7000-8000-000000000001",
        "nip": "198001012005011001",
        "activity_date": dt.date(2025, 1, 2),
        "activity_code": "ACT-001",
        "quantity": Decimal("1.25"),
        "start_time": dt.time(8, 15),
        "end_time": None,
        "description": "Menyusun laporan bulanan",
        "evidence_ref": None,
        "status": "APPROVED",
        "submitted_at": dt.datetime(2025, 1, 2, 9, 30),
        "reviewed_by": "197001012000031002",
        "reviewed_at": dt.datetime(2025, 1, 3, 2, 0, 5),
        "deleted": False,
        "updated_at": dt.datetime(2025, 1, 3, 2, 0, 5),
    }
    devices = pd.DataFrame(
        {
            "device_sn": ["KMS-JKT-0001"],
            "unit_id": ["KEMENSOS"],
            "location": [None],
            "updated_at": pd.to_datetime(["2024-12-01 03:00:00"]),
        }
    )
    counts = write_database(url, APP, {"activity_report": [report], "attendance_device": devices})
    assert counts["activity_report"] == 1 and counts["attendance_device"] == 1
    assert counts["leave_request"] == 0
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        (row,) = conn.execute(sa.select(APP.tables["activity_report"])).mappings().all()
        (device,) = conn.execute(sa.select(APP.tables["attendance_device"])).mappings().all()
    engine.dispose()
    assert dict(row) == report
    assert device["location"] is None
    assert device["updated_at"] == dt.datetime(2024, 12, 1, 3)
    # The SQLite fast path stores exactly the text SQLAlchemy itself would store.
    reference = sa.create_engine(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    APP.create_all(reference)
    with reference.begin() as conn:
        conn.execute(APP.tables["activity_report"].insert(), [report])
    raw = "select * from activity_report"
    with reference.connect() as conn, sa.create_engine(url).connect() as fast:
        assert fast.exec_driver_sql(raw).all() == conn.exec_driver_sql(raw).all()
    reference.dispose()
    # Writing again replaces the tables rather than appending.
    assert write_database(url, APP, {"activity_report": [report]})["activity_report"] == 1
    with pytest.raises(ValueError, match="not in the contract"):
        write_database(url, APP, {"activity_report": [report | {"bogus": 1}]})


def test_device_writer_groups_by_device_and_local_day(tmp_path: Path) -> None:
    punches = pd.DataFrame(
        {
            "device_sn": ["KMS-MKS-0001", "KMS-MKS-0001", "KMS-MKS-0001", "KMS-JPR-0002"],
            "pin": ["198001012005011001"] * 4,
            "punch_time": pd.to_datetime(
                [
                    "2025-01-02 16:05:09",
                    "2025-01-02 07:20:01",
                    "2025-01-03 07:10:00",
                    "2025-01-02 07:00:00",
                ]
            ),
            "verify_mode": ["FINGER", "FACE", "CARD", "MOBILE"],
            "punch_state": [1, 0, 0, 0],
        }
    )
    stale = tmp_path / "KMS-MKS-0001" / "2025-01-02.csv"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    untouched = tmp_path / "KMS-MKS-0001" / "2024-12-31.csv"
    untouched.write_text("keep")
    assert write_device_files(tmp_path, punches) == 3
    assert stale.read_text() == (
        f"{HEADER}\n"
        "KMS-MKS-0001,198001012005011001,2025-01-02 07:20:01,FACE,0\n"
        "KMS-MKS-0001,198001012005011001,2025-01-02 16:05:09,FINGER,1\n"
    )
    assert (tmp_path / "KMS-JPR-0002" / "2025-01-02.csv").exists()
    assert untouched.read_text() == "keep"
