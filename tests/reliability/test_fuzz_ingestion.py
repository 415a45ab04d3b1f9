"""Property-based tests: device export files and source-database rows with random corruption.

For every generated input the readers must not crash, must keep every valid row, must quarantine
every invalid row with the reason its corruption calls for, and rows in must equal rows loaded
plus rows quarantined. The generator knows which rows it broke and how, so each example has its
own expected outcome (an oracle written from SOURCES.md, not from the code under test).

The fast profile runs a bounded number of examples; ``-m slow`` runs a bigger one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion import database, punches
from ingestion.batch import Batch
from ingestion.contract import PUNCH_FILE_COLUMNS, SIMPEG, VERIFY_MODES
from ingestion.landing import decode_text
from ingestion.quarantine import REASONS

# Derandomized: CI and every re-run draw the same examples, so a pass or a failure is
# reproducible; new random corpora are explored deliberately (HYPOTHESIS seed), not by chance.
FAST = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BIG = settings(FAST, max_examples=100)

DEVICES = ("DEV-A", "DEV-B")  # registered
UNREGISTERED = "DEV-X"
PINS = ("198001012005011001", "198502022010012002", "199003032015011003")
INJECTIONS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "=1+1")
# Free text: any printable text, the line-separator look-alikes str.splitlines() breaks on,
# NUL, injection strings and huge values. No LF/CR: those end a line by definition.
FREE_TEXT = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),
        max_size=30,
    ),
    st.sampled_from(["\x0c", "\x0b", "\x85", "\u2028", "\x1c", "a\x00b", "é ü 中文", "  "]),
    st.sampled_from(INJECTIONS),
    st.integers(10_000, 200_000).map(lambda n: "x" * n),
)


@dataclass
class Line:
    """One body line of a device file and the reason it must get (None: must be loaded)."""

    fields: list[str]
    reason: str | None
    separator_override: str | None = None


@dataclass
class DeviceFileSpec:
    device: str
    day: date
    separator: str
    newline: str
    encoding: str
    lines: list[Line] = field(default_factory=list)
    truncated_last: bool = False


CORRUPTIONS = {
    "unknown_pin": "UNKNOWN_PIN",
    "pin_injection": "UNKNOWN_PIN",
    "pin_huge": "UNKNOWN_PIN",
    "bad_time": "BAD_TIMESTAMP",
    "impossible_date": "BAD_TIMESTAMP",
    "far_future": "FUTURE_TIMESTAMP",
    "bad_mode": "BAD_ENUM",
    "other_device": "UNREGISTERED_DEVICE",
    "extra_field": "BAD_FIELD_COUNT",
    "missing_field": "BAD_FIELD_COUNT",
    "other_separator": "BAD_FIELD_COUNT",
    "duplicate": "DUPLICATE",
}


@st.composite
def device_file(draw, device: str, day: date) -> DeviceFileSpec:
    separator = draw(st.sampled_from([",", ";"]))
    spec = DeviceFileSpec(
        device=device,
        day=day,
        separator=separator,
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"])),
    )
    valid: list[list[str]] = []
    for index in range(draw(st.integers(1, 12))):
        punch_time = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, seconds=index)
        state = draw(FREE_TEXT)
        fields = [
            device,
            draw(st.sampled_from(PINS)),
            f"{punch_time:%Y-%m-%d %H:%M:%S}",
            draw(st.sampled_from(VERIFY_MODES + ("finger", " FACE "))),
            state,
        ]
        kind = draw(st.sampled_from([None, None, *CORRUPTIONS]))
        if kind == "duplicate" and not valid:
            kind = None
        line = _corrupt(draw, fields, kind, valid, separator)
        if line.reason is None:
            valid.append(line.fields)
        spec.lines.append(line)
    if spec.encoding == "latin-1" and not all(_latin1(line.fields) for line in spec.lines):
        spec.encoding = "utf-8"
    # A free-text field holding the separator (or a comma, which ';' files also split on)
    # makes more fields than the header: BAD_FIELD_COUNT, as the device sent it. A ';' inside a
    # ',' file is just text.
    splitters = "," if separator == "," else ",;"
    for line in spec.lines:
        if len(line.fields) == 5 and any(c in v for v in line.fields for c in splitters):
            line.reason = "BAD_FIELD_COUNT"
    if draw(st.booleans()):
        spec.truncated_last = True
        spec.lines[-1] = Line(spec.lines[-1].fields[:2], "TRUNCATED_LINE")
    return spec


def _latin1(fields: list[str]) -> bool:
    try:
        ",".join(fields).encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _corrupt(draw, fields: list[str], kind: str | None, valid: list, separator: str) -> Line:
    if kind is None:
        return Line(fields, None)
    fields = list(fields)
    if kind == "unknown_pin":
        fields[1] = draw(st.sampled_from(["199912312099011999", "abc", "12.5", "-1"]))
    elif kind == "pin_injection":
        fields[1] = draw(st.sampled_from([i for i in INJECTIONS if "," not in i]))
    elif kind == "pin_huge":
        fields[1] = "9" * draw(st.integers(1_000, 100_000))
    elif kind == "bad_time":
        fields[2] = draw(st.sampled_from(["not a time", "07:00", "2025/01/02 07:00:00", "@SUM(1)"]))
    elif kind == "impossible_date":
        fields[2] = draw(
            st.sampled_from(
                [
                    "2025-02-30 07:00:00",
                    "2025-13-01 07:00:00",
                    "0000-00-00 00:00:00",
                    "2025-01-01 25:61:00",
                ]
            )
        )
    elif kind == "far_future":
        fields[2] = draw(st.sampled_from(["9999-12-31 23:59:59", "2999-01-01 00:00:00"]))
    elif kind == "bad_mode":
        fields[3] = draw(st.sampled_from(["", "IRIS", "=1+1", "FINGERPRINT"]))
    elif kind == "other_device":
        fields[0] = draw(
            st.sampled_from([UNREGISTERED, "DEV-B" if fields[0] != "DEV-B" else "DEV-A"])
        )
    elif kind == "extra_field":
        fields[4:] = ["0", "extra"]
    elif kind == "missing_field":
        fields = fields[:4]
    elif kind == "other_separator":
        fields[4] = "0"
        return Line(fields, CORRUPTIONS[kind], separator_override="\t")
    elif kind == "duplicate":
        fields = list(draw(st.sampled_from(valid)))
    return Line(fields, CORRUPTIONS[kind])


def _file_text(spec: DeviceFileSpec) -> str:
    header = spec.separator.join(PUNCH_FILE_COLUMNS)
    body = [(line.separator_override or spec.separator).join(line.fields) for line in spec.lines]
    text = spec.newline.join([header, *body])
    return text if spec.truncated_last else text + spec.newline


@st.composite
def device_folder(draw) -> list[DeviceFileSpec]:
    files = []
    for device in draw(st.lists(st.sampled_from(DEVICES), min_size=1, max_size=2, unique=True)):
        days = draw(st.lists(st.integers(1, 28), min_size=1, max_size=2, unique=True))
        files += [draw(device_file(device, date(2025, 1, d))) for d in days]
    return files


def _reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The employees and devices the punch checks read (normally ingested from the databases)."""
    con.execute("create schema if not exists raw")
    con.execute(
        "create or replace table raw.simpeg__employee (nip varchar, _ingested_at timestamp)"
    )
    con.execute(
        "create or replace table raw.app__attendance_device (device_sn varchar, "
        "_ingested_at timestamp)"
    )
    con.executemany(
        "insert into raw.simpeg__employee values (?, '2024-12-31')", [[p] for p in PINS]
    )
    con.executemany(
        "insert into raw.app__attendance_device values (?, '2024-12-31')", [[d] for d in DEVICES]
    )


def _check_device_folder(root: Path, files: list[DeviceFileSpec]) -> None:
    folder = root / "attendance"
    for spec in files:
        path = folder / spec.device / f"{spec.day}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_file_text(spec).encode(spec.encoding))
    with duckdb.connect() as con:
        _reference_tables(con)
        report = punches.load_punches(con, folder, Batch("attendance"))
        loaded = {
            (f, n)
            for f, n in con.execute(
                "select _source_file, _row_number from raw.attendance__punch"
            ).fetchall()
        }
        quarantined = {
            (f, n): reason
            for f, n, reason in con.execute(
                "select source_object, row_number, reason from raw.quarantine"
            ).fetchall()
        }
        n_quarantine = con.execute("select count(*) from raw.quarantine").fetchone()[0]
    expected_loaded, expected_rejected = set(), {}
    for spec in files:
        name = f"{spec.device}/{spec.day}.csv"
        for number, line in enumerate(spec.lines, start=2):
            if line.reason is None:
                expected_loaded.add((name, number))
            else:
                expected_rejected[(name, number)] = line.reason
    assert loaded == expected_loaded  # every valid line kept, no invalid one
    assert quarantined == expected_rejected  # every invalid line, with its reason
    assert n_quarantine == len(quarantined)  # each once
    assert set(quarantined.values()) <= set(REASONS)
    total = len(expected_loaded) + len(expected_rejected)
    assert report.rows_in["device_export"] == total
    assert report.rows_loaded["device_export"] + report.rows_quarantined["device_export"] == total


@FAST
@given(files=device_folder())
def test_fuzzed_device_files_reconcile(tmp_path_factory, files) -> None:
    _check_device_folder(tmp_path_factory.mktemp("fuzz_devices"), files)


@pytest.mark.slow
@BIG
@given(files=device_folder())
def test_fuzzed_device_files_reconcile_big(tmp_path_factory, files) -> None:
    _check_device_folder(tmp_path_factory.mktemp("fuzz_devices"), files)


def test_a_file_in_another_encoding_is_quarantined_not_crashed(tmp_path: Path) -> None:
    """A UTF-16 export decodes as Latin-1 garbage: every line rejected, none loaded, counted."""
    folder = tmp_path / "attendance" / "DEV-A"
    folder.mkdir(parents=True)
    lines = [",".join(PUNCH_FILE_COLUMNS), f"DEV-A,{PINS[0]},2025-01-02 07:00:00,FINGER,0"]
    (folder / "2025-01-02.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    with duckdb.connect() as con:
        _reference_tables(con)
        report = punches.load_punches(con, tmp_path / "attendance", Batch("attendance"))
        assert con.execute("select count(*) from raw.attendance__punch").fetchone()[0] == 0
        n_quarantined = con.execute("select count(*) from raw.quarantine").fetchone()[0]
    assert report.rows_loaded["device_export"] == 0
    assert report.rows_in["device_export"] == n_quarantined > 0


# --- source-database rows -------------------------------------------------------------------

EMPLOYEE_COLUMNS = [c.name for c in SIMPEG.tables["employee"].columns]
DATE_COLUMNS = ("birth_date", "rank_since", "hire_date", "exit_date")
# Every birth date lies before every other good date (the row contract: hired after birth).
GOOD_BIRTH_DATES = st.sampled_from(["0001-01-01", "1950-05-17", " 1955-02-02 "])
GOOD_DATES = st.sampled_from(["1970-05-17", "9999-12-31", " 1985-02-02 "])
BAD_DATES = st.sampled_from(
    ["2025-02-30", "2025-13-01", "not a date", '=HYPERLINK("http://x","y")', "@SUM(A1)"]
)
GOOD_STAMPS = st.sampled_from(["2024-12-31 12:00:00", "2025-01-01T07:00:00", "2000-01-01"])


@dataclass
class SourceRow:
    values: dict[str, str | bytes | int | float | None]
    reason: str | None  # before duplicate resolution


@st.composite
def employee_rows(draw) -> list[SourceRow]:
    rows = []
    keys = draw(
        st.lists(
            st.sampled_from([f"19800101200501{i:04d}" for i in range(8)]), min_size=1, max_size=14
        )
    )
    for index, nip in enumerate(keys):
        values = {
            "nip": nip,
            "full_name": draw(FREE_TEXT),
            "sex": draw(st.sampled_from(["L", "P"])),
            "employment_status": draw(st.sampled_from(["PNS", "PPPK"])),
            # a rank outside the list is a warning, not a row rule
            "rank_grade": draw(st.sampled_from(["III/a", "IV/e", "@x"])),
            # Distinct change times so the newest version of a repeated key is well defined.
            "updated_at": f"2024-12-{1 + index % 28:02d} {index // 28:02d}:00:00",
        }
        for column in DATE_COLUMNS:
            values[column] = draw(GOOD_BIRTH_DATES if column == "birth_date" else GOOD_DATES)
        reason = None
        kind = draw(
            st.sampled_from(
                [None, None, "missing_key", "bad_date", "bad_stamp", "null", "bytes", "number"]
                + ["bad_code", "hired_at_birth"]
            )
        )
        if kind == "missing_key":
            values["nip"] = draw(st.sampled_from(["", "   ", None]))
            reason = "MISSING_KEY"
        elif kind == "bad_date":
            values[draw(st.sampled_from(DATE_COLUMNS))] = draw(BAD_DATES)
            reason = "BAD_TYPE"
        elif kind == "bad_stamp":
            values["updated_at"] = draw(st.sampled_from(["yesterday", "2024-12-32 00:00:00"]))
            reason = "BAD_TYPE"
        elif kind == "null":
            values["exit_date"] = draw(st.sampled_from([None, "", "  "]))  # allowed: empty
        elif kind == "bytes":  # a legacy Latin-1 value or a BLOB where text belongs: kept, decoded
            text = draw(st.sampled_from(["José Müller", "Ñoño", "中文", "=1+1"]))
            values["full_name"] = text.encode(
                draw(st.sampled_from(["latin-1", "utf-8"])), "replace"
            )
        elif kind == "number":  # a date column holding a number: wrong type
            values[draw(st.sampled_from(DATE_COLUMNS))] = draw(st.sampled_from([19800101, 3.5]))
            reason = "BAD_TYPE"
        elif kind == "bad_code":  # text of the right type outside its code list (row contract)
            column, value = draw(
                st.sampled_from([("sex", "=1"), ("sex", "X"), ("employment_status", "+cmd")])
            )
            values[column] = value
            reason = "BAD_ENUM"
        elif kind == "hired_at_birth":
            values["hire_date"] = values["birth_date"]
            reason = "DATES_OUT_OF_ORDER"
        if (
            reason in (None, "BAD_ENUM", "DATES_OUT_OF_ORDER")
            and _stored_text(values["full_name"]) is None
        ):
            reason = "MISSING_VALUE"  # a required name left empty comes before the code checks
        rows.append(SourceRow(values, reason))
    return rows


def _write_sqlite(path: Path, rows: list[SourceRow]) -> None:
    """Every SIMPEG table, untyped and unconstrained (as a broken source may be); employees."""
    with sqlite3.connect(path) as db:
        for table in SIMPEG.sorted_tables:
            db.execute(f"create table {table.name} ({', '.join(c.name for c in table.columns)})")
        db.executemany(
            f"insert into employee ({', '.join(EMPLOYEE_COLUMNS)}) values "
            f"({', '.join('?' for _ in EMPLOYEE_COLUMNS)})",
            [[row.values.get(c) for c in EMPLOYEE_COLUMNS] for row in rows],
        )


def _expected_employees(rows: list[SourceRow]) -> tuple[dict[str, str], dict[str, int]]:
    """Kept full_name by NIP (the newest valid version), and the count of each reason."""
    reasons: dict[str, int] = {}
    newest: dict[str, SourceRow] = {}
    for row in rows:
        if row.reason:
            reasons[row.reason] = reasons.get(row.reason, 0) + 1
            continue
        nip = row.values["nip"].strip()
        if nip in newest:
            reasons["DUPLICATE_KEY"] = reasons.get("DUPLICATE_KEY", 0) + 1
            if row.values["updated_at"] > newest[nip].values["updated_at"]:
                newest[nip] = row
        else:
            newest[nip] = row
    kept = {nip: _stored_text(row.values["full_name"]) for nip, row in newest.items()}
    return kept, reasons


def _stored_text(value: str | bytes | None) -> str | None:
    """Text as ingestion stores it: bytes decoded (UTF-8, else Latin-1), spaces trimmed, empty
    as NULL (other characters kept)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = decode_text(value)
    return value.strip(" ") or None


def _check_database_rows(root: Path, rows: list[SourceRow]) -> None:
    source = root / "simpeg.sqlite"
    _write_sqlite(source, rows)
    kept, reasons = _expected_employees(rows)
    with duckdb.connect() as con:
        report = database.load_database(con, f"sqlite:///{source}", "simpeg", SIMPEG, Batch("s"))
        stored = dict(con.execute("select nip, full_name from raw.simpeg__employee").fetchall())
        found = dict(
            con.execute(
                "select reason, count(*) from raw.quarantine where source_object = 'employee' "
                "group by 1"
            ).fetchall()
        )
    assert set(stored) == set(kept)  # every valid key kept (its newest version), no other
    for nip, name in kept.items():
        assert stored[nip] == name, nip
    assert found == reasons  # every invalid row quarantined once, with its reason
    assert report.rows_in["employee"] == len(rows)
    assert report.rows_loaded["employee"] + report.rows_quarantined["employee"] == len(rows)


@settings(FAST, max_examples=15)  # each example loads a whole source database
@given(rows=employee_rows())
def test_fuzzed_database_rows_reconcile(tmp_path_factory, rows) -> None:
    _check_database_rows(tmp_path_factory.mktemp("fuzz_db"), rows)


@pytest.mark.slow
@BIG
@given(rows=employee_rows())
def test_fuzzed_database_rows_reconcile_big(tmp_path_factory, rows) -> None:
    _check_database_rows(tmp_path_factory.mktemp("fuzz_db"), rows)
