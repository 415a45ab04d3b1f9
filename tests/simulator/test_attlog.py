"""ZKTeco attendance logs (``SimulatorConfig.attlog_share``): the ``.dat`` format, overlapping
downloads, enrolment with re-used ids, exactly the punches the CSV export would have given, and
nothing changed when the share is 0."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from simulator import GenerationSummary, SimulatorConfig, generate_sources
from simulator.attlog import VERIFY_CODES

ZKTECO_VERIFY = {1, 2, 15}  # fingerprint, card, face (0 password is never drawn)


def _config(root: Path, **changes) -> SimulatorConfig:
    config = SimulatorConfig(
        simpeg_url=f"sqlite:///{root / 'simpeg.sqlite'}",
        app_url=f"sqlite:///{root / 'app.sqlite'}",
        attendance_dir=root / "attendance",
        employees=200,
        months=1,
        start_period="2025-01",
        seed=5,
    )
    return dataclasses.replace(config, **changes)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[SimulatorConfig, GenerationSummary]]:
    configs = {
        "csv": _config(tmp_path_factory.mktemp("csv")),
        "attlog": _config(tmp_path_factory.mktemp("attlog"), attlog_share=0.5),
        "again": _config(tmp_path_factory.mktemp("again"), attlog_share=0.5),
    }
    return {name: (config, generate_sources(config)) for name, config in configs.items()}


def _logs(config: SimulatorConfig) -> dict[str, bytes]:
    root = Path(config.attendance_dir)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("*/*.dat"))}


def _csvs(config: SimulatorConfig) -> dict[str, bytes]:
    root = Path(config.attendance_dir)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("*/*.csv"))}


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _enrolment(config: SimulatorConfig) -> pd.DataFrame:
    with sqlite3.connect(_sqlite_path(config.app_url)) as conn:
        frame = pd.read_sql("select * from device_user", conn)
    frame["valid_from"] = pd.to_datetime(frame["valid_from"]).dt.date
    frame["valid_to"] = [
        None if pd.isna(v) else dt.date.fromisoformat(v) for v in frame["valid_to"]
    ]
    return frame


def _nips(config: SimulatorConfig) -> set[str]:
    with sqlite3.connect(_sqlite_path(config.simpeg_url)) as conn:
        return {row[0] for row in conn.execute("select nip from employee")}


def _log_punches(config: SimulatorConfig) -> Counter:
    """(device, PIN, time, verify) -> in how many files of the device it appears."""
    seen: Counter = Counter()
    for name, body in _logs(config).items():
        device = name.split("/")[0]
        for line in body.decode("ascii").splitlines():
            pin, stamp, _, verify, *_ = line.split("\t")
            seen[(device, pin.strip(), stamp, int(verify))] += 1
    return seen


def _resolved(config: SimulatorConfig) -> set[tuple[str, str, str, int]]:
    """The logs' punches with each PIN resolved through device_user on the punch's local date:
    (device, NIP, time, verify)."""
    spans = defaultdict(list)
    for row in _enrolment(config).itertuples():
        spans[(row.device_sn, row.device_pin)].append((row.valid_from, row.valid_to, row.nip))
    resolved = set()
    for device, pin, stamp, verify in _log_punches(config):
        day = dt.date.fromisoformat(stamp[:10])
        (nip,) = [n for s, e, n in spans[(device, pin)] if s <= day and (e is None or day <= e)]
        resolved.add((device, nip, stamp, verify))
    return resolved


def test_logs_follow_the_zkteco_format(runs) -> None:
    config, _ = runs["attlog"]
    logs = _logs(config)
    assert logs
    styles = set()
    for name, body in logs.items():
        download = dt.date.fromisoformat(Path(name).stem.removeprefix("attlog-"))
        assert Path(name).name == f"attlog-{download.isoformat()}.dat"
        text = body.decode("ascii")
        crlf = text.endswith("\r\n")
        lines = text.split("\r\n" if crlf else "\n")
        assert lines[-1] == ""  # every line ends, the same way in the whole file
        lines = lines[:-1]
        assert lines and not any("\r" in line or "\n" in line for line in lines)
        stamps = []
        for line in lines:
            fields = line.split("\t")
            assert 5 <= len(fields) <= 8, line  # no header; 0-3 reserved fields
            pin, stamp, status, verify, workcode, *reserved = fields
            assert pin == pin.lstrip(" ").rjust(len(pin)) and pin.strip().isdigit()
            assert 1 <= len(pin.strip()) <= 9 and not pin.strip().startswith("0")
            moment = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
            assert moment.date() <= download
            assert (moment.year, moment.month) == (download.year, download.month)
            assert status in {"0", "1"} and int(verify) in ZKTECO_VERIFY and workcode == "0"
            assert all(value == "0" for value in reserved)
            stamps.append(stamp)
            styles.add((pin.startswith(" "), len(reserved), crlf))
        assert stamps == sorted(stamps)  # a machine's log is in time order
    # The devices differ: padded and plain PINs, CRLF and LF, several reserved-field counts.
    assert {padded for padded, _, _ in styles} == {True, False}
    assert {crlf for _, _, crlf in styles} == {True, False}
    assert len({reserved for _, reserved, _ in styles}) >= 2


def test_attlog_devices_write_no_csv_and_csv_devices_are_unchanged(runs) -> None:
    (config, summary), (reference, _) = runs["attlog"], runs["csv"]
    logged = {name.split("/")[0] for name in _logs(config)}
    written = {name.split("/")[0] for name in _csvs(config)}
    assert logged and written and not logged & written
    # Every other device writes exactly the CSV files it writes without ATTLOG devices.
    expected = {k: v for k, v in _csvs(reference).items() if k.split("/")[0] not in logged}
    assert _csvs(config) == expected
    assert summary.row_counts["punch_files"] == len(expected)
    assert summary.row_counts["attlog_files"] == len(_logs(config))
    # Only ATTLOG devices enrol: CSV devices keep writing NIPs.
    assert set(_enrolment(config)["device_sn"]) >= logged
    assert not set(_enrolment(config)["device_sn"]) & written


def test_resolved_punches_equal_the_csv_export(runs) -> None:
    (config, summary), (reference, other) = runs["attlog"], runs["csv"]
    logged = {name.split("/")[0] for name in _logs(config)}
    expected = set()
    for name, body in _csvs(reference).items():
        if name.split("/")[0] in logged:
            for row in csv.DictReader(body.decode("ascii").splitlines()):
                mode = VERIFY_CODES[row["verify_mode"]]
                expected.add((row["device_sn"], row["pin"], row["punch_time"], mode))
    resolved = _resolved(config)
    assert resolved == expected
    assert summary.row_counts["attlog_punches"] == len(_log_punches(config)) == len(resolved)
    assert summary.row_counts["punches"] == other.row_counts["punches"]


def test_downloads_overlap_and_the_last_covers_the_month(runs) -> None:
    config, _ = runs["attlog"]
    seen = _log_punches(config)
    assert min(seen.values()) >= 1
    assert sum(count >= 2 for count in seen.values()) > 0.5 * len(seen)
    by_device = defaultdict(list)
    for name, body in _logs(config).items():
        by_device[name.split("/")[0]].append((name, body))
    for files in by_device.values():
        files.sort()
        # The machine keeps its log until cleared: each download starts with the one before.
        for (_, earlier), (_, later) in zip(files, files[1:], strict=False):
            assert later.startswith(earlier)
        assert files[-1][0].endswith("attlog-2025-01-31.dat")  # the month-end download


def test_enrolment_reuses_a_pin_without_overlap(runs) -> None:
    config, _ = runs["attlog"]
    enrolment = _enrolment(config)
    assert len(enrolment) and enrolment["nip"].isin(_nips(config)).all()
    assert enrolment["device_pin"].str.fullmatch(r"[1-9]\d{0,8}").all()
    reused = 0
    for (_, _), rows in enrolment.groupby(["device_sn", "device_pin"]):
        assert _one_after_another(rows)
        reused += rows["nip"].nunique() > 1
    assert reused >= 1
    # An employee holds at most one id on a device on any day.
    for (_, _), rows in enrolment.groupby(["device_sn", "nip"]):
        assert _one_after_another(rows)


def _one_after_another(rows: pd.DataFrame) -> bool:
    """Validity periods that never overlap: each ends before the next starts."""
    rows = rows.sort_values("valid_from")
    ends, starts = rows["valid_to"].tolist()[:-1], rows["valid_from"].tolist()[1:]
    return all(end is not None and end < start for end, start in zip(ends, starts, strict=True))


def test_same_seed_gives_the_same_logs(runs) -> None:
    (first, summary), (second, other) = runs["attlog"], runs["again"]
    assert _logs(first) == _logs(second) and _csvs(first) == _csvs(second)
    assert _enrolment(first).equals(_enrolment(second))
    assert summary.row_counts == other.row_counts


def _digest(config: SimulatorConfig) -> str:
    """Every exported file's name and bytes, and every row of every table but device_user."""
    digest = hashlib.sha256()
    root = Path(config.attendance_dir)
    for path in sorted(root.rglob("*")):
        if path.is_file():
            name = path.relative_to(root).as_posix().encode()
            digest.update(name + b"\0" + path.read_bytes() + b"\0")
    for url in (config.simpeg_url, config.app_url):
        with sqlite3.connect(_sqlite_path(url)) as conn:
            query = "select name from sqlite_master where type = 'table'"
            for table in sorted(row[0] for row in conn.execute(query)):
                if table == "device_user":
                    continue
                rows = sorted(repr(row) for row in conn.execute(f"select * from {table}"))
                digest.update(f"{table}\0{len(rows)}\0".encode() + "\n".join(rows).encode())
    return digest.hexdigest()


# What the generator wrote for this config before ATTLOG logs existed. A deliberate change of
# the generated sources changes it; ATTLOG at share 0 must not.
BEFORE_ATTLOG = "4c18ce17631166a65284b2dbd44d3abb5eb6ad89164de3524b5e3098dbb71252"


def test_share_zero_is_the_generator_before_attlog(tmp_path: Path) -> None:
    config = _config(tmp_path, employees=40, start_period="2025-02", seed=11, attlog_share=0.0)
    summary = generate_sources(config)
    assert _digest(config) == BEFORE_ATTLOG
    assert not _logs(config) and summary.row_counts["device_user"] == 0
    assert "attlog_files" not in summary.row_counts
    assert _enrolment(config).empty  # the table exists, empty


def test_a_new_run_replaces_the_logs(tmp_path: Path) -> None:
    generate_sources(_config(tmp_path, employees=30, attlog_share=1.0))
    assert _logs(_config(tmp_path)) and not _csvs(_config(tmp_path))
    generate_sources(_config(tmp_path, employees=30))
    assert not _logs(_config(tmp_path)) and _csvs(_config(tmp_path))


def test_share_must_be_a_share(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="attlog_share"):
        _config(tmp_path, attlog_share=1.5)


def test_demo_data_takes_the_share(tmp_path: Path) -> None:
    from eperf.cli import app

    env = {
        "EPERF_DATA_DIR": str(tmp_path),
        "EPERF_SIMPEG_URL": "",
        "EPERF_APP_URL": "",
        "EPERF_ATTENDANCE_DIR": "",
    }
    args = ["demo-data", "--employees", "30", "--months", "1", "--attlog-share", "1"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "attlog_files" in result.output
    assert list(tmp_path.rglob("*.dat")) and not list(tmp_path.rglob("*.csv"))
