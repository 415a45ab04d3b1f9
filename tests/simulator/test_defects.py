"""Defect injection (``SimulatorConfig.defect_rate``): clean by default, deterministic by seed,
every kind present, valid rows untouched, and a manifest that says where each defect is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import SimulatorConfig, generate_sources
from simulator.defects import (
    ATTLOG_KINDS,
    BAD_REPORT_STATUSES,
    BOM,
    DATABASE_KINDS,
    MALFORMED_KINDS,
    REASONS,
    TABLE_KINDS,
    UNKNOWN_LEAVE_TYPE,
    apply_resend,
    manifest_path,
)


def _config(root: Path, **changes) -> SimulatorConfig:
    config = SimulatorConfig(
        simpeg_url=f"sqlite:///{root / 'simpeg.sqlite'}",
        app_url=f"sqlite:///{root / 'app.sqlite'}",
        attendance_dir=root / "attendance",
        employees=30,
        months=1,
        start_period="2025-02",
        seed=11,
    )
    return dataclasses.replace(config, **changes)


def _files(config: SimulatorConfig) -> dict[str, bytes]:
    root = Path(config.attendance_dir)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("*/*.csv"))}


def _dump(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = conn.exec_driver_sql("select name from sqlite_master where type = 'table'")
        tables = sorted(names.scalars())
        rows = {t: sorted(conn.exec_driver_sql(f"select * from {t}").all()) for t in tables}
    engine.dispose()
    return rows


def _lines(body: bytes) -> list[str]:
    """Data lines of an export, whatever its BOM, line ends and separator."""
    text = body.removeprefix(BOM).decode("ascii")
    header, *lines = text.splitlines()
    separator = ";" if ";" in header else ","
    return [line.replace(separator, ",") for line in lines]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SimulatorConfig]:
    configs = {
        "unset": _config(tmp_path_factory.mktemp("unset")),
        "zero": _config(tmp_path_factory.mktemp("zero"), defect_rate=0.0),
        "defects": _config(tmp_path_factory.mktemp("defects"), defect_rate=0.05),
        "again": _config(tmp_path_factory.mktemp("again"), defect_rate=0.05),
    }
    for config in configs.values():
        generate_sources(config)
    return configs


def _manifest(config: SimulatorConfig) -> dict:
    return json.loads(manifest_path(config.attendance_dir).read_text(encoding="utf-8"))


def test_rate_zero_is_the_clean_generator_byte_for_byte(runs) -> None:
    unset, zero = runs["unset"], runs["zero"]
    assert _files(zero) == _files(unset)
    for url in ("simpeg_url", "app_url"):
        assert _dump(getattr(zero, url)) == _dump(getattr(unset, url))
    assert not manifest_path(zero.attendance_dir).exists()


def test_same_seed_and_rate_give_identical_defects(runs) -> None:
    first, second = runs["defects"], runs["again"]
    assert _files(first) == _files(second)
    for url in ("simpeg_url", "app_url"):
        assert _dump(getattr(first, url)) == _dump(getattr(second, url))
    assert _manifest(first) == _manifest(second)
    assert _files(first) != _files(runs["zero"])


def test_every_kind_appears_and_the_manifest_is_next_to_the_folder(runs) -> None:
    config = runs["defects"]
    path = manifest_path(config.attendance_dir)
    assert path.parent == Path(config.attendance_dir).parent
    assert not list(Path(config.attendance_dir).rglob("*.json"))
    manifest = json.loads(path.read_text(encoding="utf-8"))
    kinds = [d["kind"] for d in manifest["defects"]]
    assert set(kinds) == set(REASONS) - set(ATTLOG_KINDS)  # no ATTLOG device: no log kinds
    assert manifest["counts"] == {kind: kinds.count(kind) for kind in sorted(set(kinds))}
    assert manifest["seed"] == 11 and manifest["defect_rate"] == 0.05
    for defect in manifest["defects"]:
        assert defect["reason"] == REASONS[defect["kind"]]
        if defect["source"] == "attendance":
            assert (Path(config.attendance_dir) / defect["file"]).is_file()
            assert defect["line"] is None or defect["line"] >= 2
        else:
            assert defect["table"] and defect["key"]


def test_defect_lines_are_where_the_manifest_says(runs) -> None:
    config = runs["defects"]
    files = _files(config)
    for defect in _manifest(config)["defects"]:
        if defect["source"] != "attendance" or defect["line"] is None:
            continue
        if defect["kind"] == "RESENT":  # the line the re-sent version adds
            assert defect["line"] == defect["original_lines"] + 1
            continue
        lines = files[defect["file"]].removeprefix(BOM).decode("ascii").splitlines()
        assert lines[defect["line"] - 1] == defect["text"], defect
        if defect["kind"] == "TRUNCATED_LINE":
            assert defect["line"] == len(lines)
            assert not files[defect["file"]].endswith((b"\n", b"\r"))
            separator = ";" if ";" in lines[0] else ","
            assert len(defect["text"].split(separator)) < 5


def test_valid_rows_are_unchanged(runs) -> None:
    clean, dirty = _files(runs["zero"]), _files(runs["defects"])
    manifest = _manifest(runs["defects"])
    planted: dict[str, set[int]] = {}
    for defect in manifest["defects"]:
        if defect["line"] is not None and defect["kind"] != "RESENT":
            planted.setdefault(defect["file"], set()).add(defect["line"])
    for name, body in clean.items():
        lines = _lines(dirty[name])
        kept = [line for n, line in enumerate(lines, start=2) if n not in planted.get(name, ())]
        assert kept == _lines(body), name
    new = set(dirty) - set(clean)
    assert new == {
        d["file"] for d in manifest["defects"] if d["kind"] in ("UNREGISTERED_DEVICE", "EMPTY_FILE")
    }
    # Database defects are extra rows; every clean row is still there, as it was.
    for url in ("simpeg_url", "app_url"):
        before, after = _dump(getattr(runs["zero"], url)), _dump(getattr(runs["defects"], url))
        for table, rows in before.items():
            assert set(rows) <= set(after[table])
            extra = len(after[table]) - len(rows)
            assert extra == sum(1 for d in manifest["defects"] if d["table"] == table)


def test_apply_resend_adds_one_line_to_each_resent_file(tmp_path: Path) -> None:
    config = _config(tmp_path, defect_rate=0.02)
    generate_sources(config)
    manifest = _manifest(config)
    before = _files(config)
    resent = [d for d in manifest["defects"] if d["kind"] == "RESENT"]
    assert sorted(apply_resend(config.attendance_dir, manifest_path(config.attendance_dir))) == (
        sorted(d["file"] for d in resent)
    )
    after = _files(config)
    for defect in resent:
        assert before[defect["file"]].count(b"\n") == defect["original_lines"]
        expected = before[defect["file"]] + (defect["resent_line"] + "\n").encode()
        assert after[defect["file"]] == expected
    assert {k: v for k, v in after.items() if k not in {d["file"] for d in resent}} == {
        k: v for k, v in before.items() if k not in {d["file"] for d in resent}
    }
    assert apply_resend(config.attendance_dir, manifest) == []


def test_a_clean_run_removes_a_stale_manifest(tmp_path: Path) -> None:
    generate_sources(_config(tmp_path, defect_rate=0.01))
    assert manifest_path(tmp_path / "attendance").exists()
    generate_sources(_config(tmp_path))
    assert not manifest_path(tmp_path / "attendance").exists()
    assert not any(
        p.parent.name.startswith("KMS-ZZZ") for p in (tmp_path / "attendance").rglob("*")
    )


def test_rate_must_be_a_share(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="defect_rate"):
        _config(tmp_path, defect_rate=1.5)


# --- database kinds -------------------------------------------------------------------------


def _planted_row(url: str, table: str, key: dict) -> dict:
    """The one row with ``key``, values as text (SQLite: as stored, malformed dates too)."""
    ((column, value),) = key.items()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                cursor = conn.connection.cursor()
                cursor.execute(f"select * from {table} where {column} = ?", (value,))
                names = [d[0] for d in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            else:
                query = sa.text(f"select * from {table} where {column} = :value")
                rows = [dict(row) for row in conn.execute(query, {"value": value}).mappings()]
    finally:
        engine.dispose()
    (row,) = rows
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def _assert_rows_planted(config: SimulatorConfig, manifest: dict) -> None:
    """Each database entry's row is in the app database with the planted value, and the entry
    names the employee-months the row touches."""
    engine = sa.create_engine(config.simpeg_url)
    with engine.connect() as conn:
        nips = set(conn.exec_driver_sql("select nip from employee").scalars())
    engine.dispose()
    for entry in (d for d in manifest["defects"] if d["source"] == "app"):
        kind, row = entry["kind"], _planted_row(config.app_url, entry["table"], entry["key"])
        planted = dict(part.split("=", 1) for part in entry["text"].split(","))
        assert entry["reason"] == REASONS[kind] and row["nip"] == entry["nip"], entry
        if kind in MALFORMED_KINDS:
            ((column, value),) = planted.items()
            assert row[column] == value
            assert entry["first_date"] is None and entry["last_date"] is None
            continue
        if entry["table"] == "activity_report":
            assert entry["first_date"] == entry["last_date"] == row["activity_date"]
        else:
            dates = sorted((row["start_date"], row["end_date"]))
            assert [entry["first_date"], entry["last_date"]] == dates
        if kind == "BAD_REPORT_STATUS":
            assert row["status"] == planted["status"] and row["status"] in BAD_REPORT_STATUSES
        elif kind == "BAD_QUANTITY":
            assert float(row["quantity"]) == float(planted["quantity"]) <= 0
        elif kind == "MISSING_KEY":
            assert row["report_id"] == "" and entry["key"] == {"report_id": ""}
        elif kind == "UNKNOWN_EMPLOYEE":
            assert len(row["nip"]) == 18 and row["nip"].isdigit() and row["nip"] not in nips
        elif kind == "UNKNOWN_LEAVE_TYPE":
            assert row["leave_type"] == UNKNOWN_LEAVE_TYPE
        elif kind == "LEAVE_DATES_REVERSED":
            assert row["end_date"] < row["start_date"]
            assert planted == {"start_date": row["start_date"], "end_date": row["end_date"]}
        else:
            raise AssertionError(f"unexpected database kind {kind}")


def test_database_kinds_are_in_the_database_as_the_manifest_says(runs) -> None:
    config = runs["defects"]
    manifest = _manifest(config)
    kinds = Counter(d["kind"] for d in manifest["defects"] if d["source"] == "app")
    assert set(kinds) == set(DATABASE_KINDS)
    assert kinds["MISSING_KEY"] == 1
    _assert_rows_planted(config, manifest)


@pytest.fixture(scope="module")
def attlog_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SimulatorConfig]:
    """200 employees with half the devices on ATTLOG: clean, and with defects at 1 %."""
    size = {"employees": 200, "start_period": "2025-01", "attlog_share": 0.5}
    configs = {
        "clean": _config(tmp_path_factory.mktemp("attlog"), **size),
        "defects": _config(tmp_path_factory.mktemp("attlog-defects"), defect_rate=0.01, **size),
    }
    for config in configs.values():
        generate_sources(config)
    return configs


def _count_rows(url: str, table: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        count = conn.exec_driver_sql(f"select count(*) from {table}").scalar_one()
    engine.dispose()
    return count


def test_database_defects_stay_below_half_a_percent_of_each_table(attlog_runs) -> None:
    clean, dirty = attlog_runs["clean"], attlog_runs["defects"]
    manifest = _manifest(dirty)
    branches = set()
    for table, kinds in TABLE_KINDS.items():
        rows = _count_rows(clean.app_url, table)
        per_kind = Counter(d["kind"] for d in manifest["defects"] if d["table"] == table)
        assert set(per_kind) == set(kinds)
        planted = sum(per_kind.values())
        assert _count_rows(dirty.app_url, table) == rows + planted
        if planted * 200 < rows:  # below 0.5 %
            branches.add("share")
        else:  # a table too small for that: exactly one row of each kind
            assert set(per_kind.values()) == {1}, (table, rows, per_kind)
            assert rows < 200 * len(kinds)
            branches.add("one each")
    assert branches == {"share", "one each"}  # activity_report is large, leave_request small
    _assert_rows_planted(dirty, manifest)


def _log_lines(body: bytes) -> tuple[list[str], bool]:
    """A log's lines, and whether its last line is cut (no line end)."""
    text = body.decode("ascii")
    lines = text.split("\r\n" if "\r\n" in text else "\n")
    cut = lines[-1] != ""
    return (lines if cut else lines[:-1]), cut


def test_attlog_kinds_are_where_the_manifest_says(attlog_runs) -> None:
    clean, dirty = attlog_runs["clean"], attlog_runs["defects"]
    manifest = _manifest(dirty)
    assert {d["kind"] for d in manifest["defects"]} == set(REASONS)
    root = Path(dirty.attendance_dir)
    engine = sa.create_engine(dirty.app_url)
    with engine.connect() as conn:
        enrolled = set(conn.exec_driver_sql("select device_sn, device_pin from device_user").all())
    engine.dispose()
    logged = {device for device, _ in enrolled}
    planted: dict[str, set[int]] = {}
    for defect in manifest["defects"]:
        if defect["kind"] not in ATTLOG_KINDS:
            # CSV defects stay in CSV exports: an ATTLOG device never writes one.
            assert defect["file"] is None or defect["file"].split("/")[0] not in logged
            continue
        assert defect["reason"] == REASONS[defect["kind"]] and defect["file"].endswith(".dat")
        lines, cut = _log_lines((root / defect["file"]).read_bytes())
        assert lines[defect["line"] - 1] == defect["text"], defect
        planted.setdefault(defect["file"], set()).add(defect["line"])
        fields = defect["text"].split("\t")
        device = defect["file"].split("/")[0]
        if defect["kind"] == "ATTLOG_UNKNOWN_PIN":
            pin = fields[0].strip()
            assert pin.isdigit() and len(pin) <= 9 and (device, pin) not in enrolled
            assert len(fields) >= 5
        elif defect["kind"] == "ATTLOG_BAD_TIMESTAMP":
            with pytest.raises(ValueError):
                dt.datetime.strptime(fields[1], "%Y-%m-%d %H:%M:%S")
            assert (device, fields[0].strip()) in enrolled
        else:
            assert cut and defect["line"] == len(lines) and len(fields) < 5
            assert fields[0].strip()
    # Every clean line is still there, in its place.
    before = {
        p.relative_to(clean.attendance_dir).as_posix(): p.read_bytes()
        for p in Path(clean.attendance_dir).glob("*/*.dat")
    }
    for name, body in before.items():
        lines, _ = _log_lines((root / name).read_bytes())
        kept = [line for n, line in enumerate(lines, 1) if n not in planted.get(name, ())]
        assert kept == _log_lines(body)[0], name


# --- typed engines --------------------------------------------------------------------------

SERVERS = {
    "postgresql": "postgresql+psycopg2://postgres@127.0.0.1:5432",
    "mysql": "mysql+pymysql://root@127.0.0.1:3306",
}


@pytest.mark.services
@pytest.mark.parametrize("engine_kind", sorted(SERVERS))
def test_contract_kinds_are_planted_on_typed_engines(tmp_path: Path, engine_kind: str) -> None:
    server = SERVERS[engine_kind]
    admin_url = f"{server}/postgres" if engine_kind == "postgresql" else f"{server}/"
    name = f"eperf_defects_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"create database {name}"))
    try:
        config = _config(tmp_path, app_url=f"{server}/{name}", defect_rate=0.05)
        generate_sources(config)
        manifest = _manifest(config)
        kinds = Counter(d["kind"] for d in manifest["defects"])
        assert set(kinds) == set(REASONS) - set(MALFORMED_KINDS) - set(ATTLOG_KINDS)
        assert manifest["database_defects"].startswith("injected;")
        assert "BAD_ACTIVITY_DATE and BAD_LEAVE_DATE skipped" in manifest["database_defects"]
        _assert_rows_planted(config, manifest)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"drop database if exists {name}"))
        admin.dispose()
