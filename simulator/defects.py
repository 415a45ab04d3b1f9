"""Defect injection: the faults real sources send, planted in the demo sources with a ground truth.

``generate_sources`` writes clean sources; with ``SimulatorConfig.defect_rate > 0`` this module then
post-processes them, deterministically from the seed, and writes ``defects_manifest.json`` next to
the attendance folder (never inside it, where ingestion would look for exports). The manifest lists
every injected defect with where it is and the quarantine reason ingestion must give (``null``
when the defect is a format variation ingestion must accept).

Device exports (SOURCES.md, "Attendance device exports"); ``file`` is relative to the attendance
folder, ``line`` is 1-based with the header as line 1. Kind -> reason:

- ``BOM``: UTF-8 byte order mark at the start of the file -> null (the rows load).
- ``CRLF``: CRLF line ends -> null (the rows load).
- ``SEMICOLON``: ``;`` as the separator (Excel in Indonesian locale) -> null (the rows load).
- ``DUPLICATE``: an exact copy of a valid line, later in the same file -> ``DUPLICATE``.
- ``UNKNOWN_PIN``: an 18-digit PIN that is no employee's NIP -> ``UNKNOWN_PIN``.
- ``BAD_TIMESTAMP``: ``... 07:61:00``, ``2025-02-30 ...`` or ``31/01/2025 07:30``
  -> ``BAD_TIMESTAMP``.
- ``FUTURE_TIMESTAMP``: a punch in the year 2099 -> ``FUTURE_TIMESTAMP``.
- ``BAD_ENUM``: verify mode ``IRIS``, ``PALM`` or ``VEIN`` -> ``BAD_ENUM``.
- ``TRUNCATED_LINE``: the file ends mid-line (no newline, fewer than 5 fields)
  -> ``TRUNCATED_LINE``.
- ``UNREGISTERED_DEVICE``: a file in the folder of a device that is not registered (one entry
  per line) -> ``UNREGISTERED_DEVICE``.
- ``EMPTY_FILE``: a 0-byte export of a registered device -> null (no rows).
- ``RESENT``: the folder holds a device-day's first version; ``apply_resend`` writes the
  device's re-sent version with one more valid line (``line``; ``original_lines`` counts the
  first version's lines, header included) -> null.

ZKTeco attendance logs (``<device>/*.dat`` of the devices ``SimulatorConfig.attlog_share``
picks, simulator/attlog.py); ``line`` is 1-based (no header). Kind -> reason:

- ``ATTLOG_UNKNOWN_PIN``: a short PIN that was never enrolled on that device -> ``UNKNOWN_PIN``.
- ``ATTLOG_BAD_TIMESTAMP``: an impossible or differently formatted time, as ``BAD_TIMESTAMP``
  above -> ``BAD_TIMESTAMP``.
- ``ATTLOG_TRUNCATED_LINE``: the file ends mid-line (no newline, fewer than 5 fields)
  -> ``TRUNCATED_LINE``.

Database defects (app database; ``table`` and primary ``key`` instead of file and line, plus the
row's ``nip`` and the dates ``first_date`` .. ``last_date`` it covers: the employee-months it
may have changed; null dates when they cannot be read):

- ``BAD_ACTIVITY_DATE``: an activity_report row with an unparseable activity_date -> ``BAD_TYPE``.
- ``BAD_LEAVE_DATE``: a leave_request row with start_date ``YYYY-13-45`` -> ``BAD_TYPE``.
- ``BAD_REPORT_STATUS``: an activity_report whose status is not a report status (``DISETUJUI``,
  ``DITOLAK``, ``DIAJUKAN``) -> ``BAD_ENUM``.
- ``BAD_QUANTITY``: an activity_report with quantity 0 or the negative of its original
  -> ``OUT_OF_RANGE``.
- ``MISSING_KEY``: an activity_report whose report_id is the empty text ``''`` -> ``MISSING_KEY``
  (one row: the key is unique).
- ``UNKNOWN_EMPLOYEE``: an activity_report whose nip has 18 digits but is no employee's
  -> ``UNKNOWN_REFERENCE``.
- ``UNKNOWN_LEAVE_TYPE``: a leave_request with leave_type ``CUTI_LIBUR`` -> ``BAD_ENUM``.
- ``LEAVE_DATES_REVERSED``: a leave_request whose end_date is before its start_date
  -> ``DATES_OUT_OF_ORDER``.

``BAD_ACTIVITY_DATE`` and ``BAD_LEAVE_DATE`` exist only on SQLite sources: SQLite stores the
malformed text in a DATE column, whereas the typed columns of PostgreSQL and MariaDB cannot hold
such rows at all, so on those engines these two are skipped (the manifest says so). The other
database kinds are valid values of the column's type that break the contract: every engine gets
them.

Every file and line kind occurs at roughly ``defect_rate`` (line kinds per punch, file kinds per
export file) and at least once; CSV kinds need CSV exports and ATTLOG kinds ATTLOG logs. Database
kinds occur at roughly ``defect_rate`` of their table's rows, at least once, but a table's defect
rows stay below 0.5 % of its rows together (a demo with defects must not cross the 1 % share of
rejected rows that stops publication); a table too small for that gets exactly one row of each
of its kinds. Injection never changes a valid row: a defect line is an extra line (a duplicate
follows its original; any other carries a PIN and time that no line of its file has, so it
cannot turn a valid line into a duplicate), a defect file is a new file, a defect database row
an extra row with a new key; format variations re-encode a file without changing its values.
Each entry's ``text`` is the planted line (or ``column=value``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa

from ingestion.contract import APP
from simulator.randomness import component_rng, time_ordered_uuids
from simulator.writer import create_database_engine, insert_rows, insert_verbatim

MANIFEST_NAME = "defects_manifest.json"
MANIFEST_VERSION = 1

BOM = b"\xef\xbb\xbf"
FORMAT_KINDS = ("BOM", "CRLF", "SEMICOLON")
LINE_KINDS = ("DUPLICATE", "UNKNOWN_PIN", "BAD_TIMESTAMP", "FUTURE_TIMESTAMP", "BAD_ENUM")
ATTLOG_LINE_KINDS = ("ATTLOG_UNKNOWN_PIN", "ATTLOG_BAD_TIMESTAMP")
ATTLOG_KINDS = (*ATTLOG_LINE_KINDS, "ATTLOG_TRUNCATED_LINE")
# The reason ingestion (ingestion/punches.py, ingestion/device_files.py, ingestion/database.py)
# must give each kind; None: not a defect for ingestion (the rows load, or there are none).
REASONS: dict[str, str | None] = {
    "BOM": None,
    "CRLF": None,
    "SEMICOLON": None,
    "DUPLICATE": "DUPLICATE",
    "UNKNOWN_PIN": "UNKNOWN_PIN",
    "BAD_TIMESTAMP": "BAD_TIMESTAMP",
    "FUTURE_TIMESTAMP": "FUTURE_TIMESTAMP",
    "BAD_ENUM": "BAD_ENUM",
    "TRUNCATED_LINE": "TRUNCATED_LINE",
    "UNREGISTERED_DEVICE": "UNREGISTERED_DEVICE",
    "EMPTY_FILE": None,
    "RESENT": None,
    "ATTLOG_UNKNOWN_PIN": "UNKNOWN_PIN",
    "ATTLOG_BAD_TIMESTAMP": "BAD_TIMESTAMP",
    "ATTLOG_TRUNCATED_LINE": "TRUNCATED_LINE",
    "BAD_ACTIVITY_DATE": "BAD_TYPE",
    "BAD_LEAVE_DATE": "BAD_TYPE",
    "BAD_REPORT_STATUS": "BAD_ENUM",
    "BAD_QUANTITY": "OUT_OF_RANGE",
    "MISSING_KEY": "MISSING_KEY",
    "UNKNOWN_EMPLOYEE": "UNKNOWN_REFERENCE",
    "UNKNOWN_LEAVE_TYPE": "BAD_ENUM",
    "LEAVE_DATES_REVERSED": "DATES_OUT_OF_ORDER",
}
# Database kinds per table, in the order they are planted.
TABLE_KINDS = {
    "activity_report": (
        "BAD_ACTIVITY_DATE",
        "BAD_REPORT_STATUS",
        "BAD_QUANTITY",
        "MISSING_KEY",
        "UNKNOWN_EMPLOYEE",
    ),
    "leave_request": ("BAD_LEAVE_DATE", "UNKNOWN_LEAVE_TYPE", "LEAVE_DATES_REVERSED"),
}
DATABASE_KINDS = tuple(kind for kinds in TABLE_KINDS.values() for kind in kinds)
# Malformed values only SQLite can store (text in a DATE column).
MALFORMED_KINDS = ("BAD_ACTIVITY_DATE", "BAD_LEAVE_DATE")
# A table's defect rows stay below 1/200 (0.5 %) of its rows.
DATABASE_SHARE_DENOMINATOR = 200
TABLE_KEYS = {"activity_report": "report_id", "leave_request": "leave_id"}
BAD_VERIFY_MODES = ("IRIS", "PALM", "VEIN")
BAD_REPORT_STATUSES = ("DISETUJUI", "DITOLAK", "DIAJUKAN")  # the app's labels, not its codes
UNKNOWN_LEAVE_TYPE = "CUTI_LIBUR"
UNREGISTERED_PREFIX = "KMS-ZZZ-"


@dataclass(frozen=True)
class DefectTargets:
    """What injection needs to know of the clean sources just written."""

    seed: int
    rate: float
    attendance_dir: Path
    app_url: str
    nips: frozenset[str]  # every employee's NIP
    devices: tuple[str, ...]  # registered device serial numbers
    first_day: date
    last_day: date
    punches: int  # valid punch lines written to CSV exports
    # ATTLOG devices -> every PIN ever enrolled on them (device_user), and the distinct punches
    # their logs hold; empty and 0 without ATTLOG devices
    attlog_pins: Mapping[str, frozenset[str]] = field(default_factory=dict)
    attlog_punches: int = 0


def manifest_path(attendance_dir: Path) -> Path:
    """Where the ground truth goes: next to the attendance folder, not inside it."""
    return Path(attendance_dir).absolute().parent / MANIFEST_NAME


def inject_defects(targets: DefectTargets) -> dict[str, Any]:
    """Plant every defect kind in the written sources; write and return the manifest."""
    if not 0 < targets.rate <= 1:
        raise ValueError("defect rate must be in (0, 1]")
    root = Path(targets.attendance_dir)
    rng = component_rng(targets.seed, "defects")
    files = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.csv"))
    logs = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.dat"))
    if not files and not logs:
        raise ValueError(f"no device exports in {root} to inject defects into")
    entries: list[dict[str, Any]] = []
    used_pins: set[str] = set()
    if files:
        plans = _plan_files(files, root, targets, rng)
        # New files first: unregistered devices' files copy exports before defects are planted.
        entries += _unregistered_files(root, files, targets, rng)
        entries += _empty_files(root, files, targets, rng)
        for name in sorted(plans):
            entries += _rewrite_file(root, name, plans[name], rng, targets.nips, used_pins)
    if logs:
        # A stream of its own: the CSV defects of a seed do not depend on the ATTLOG ones.
        log_rng = component_rng(targets.seed, "defects", "attlog")
        entries += _attlog_defects(root, logs, targets, log_rng)
    entries += _database_defects(targets, rng, used_pins)
    if _is_sqlite(targets.app_url):
        database = "injected (SQLite source)"
    else:
        database = (
            "injected; BAD_ACTIVITY_DATE and BAD_LEAVE_DATE skipped: the typed columns of "
            "PostgreSQL and MariaDB cannot hold malformed values"
        )
    entries.sort(key=_entry_order)
    manifest = {
        "version": MANIFEST_VERSION,
        "seed": targets.seed,
        "defect_rate": targets.rate,
        "attendance_dir": root.absolute().name,
        "database_defects": database,
        "counts": dict(sorted(Counter(entry["kind"] for entry in entries).items())),
        "defects": entries,
    }
    manifest_path(root).write_text(_manifest_text(manifest), encoding="utf-8")
    return manifest


def load_manifest(manifest: dict[str, Any] | Path | str) -> dict[str, Any]:
    if isinstance(manifest, dict):
        return manifest
    return json.loads(Path(manifest).read_text(encoding="utf-8"))


def apply_resend(attendance_dir: Path, manifest: dict[str, Any] | Path | str) -> list[str]:
    """Replace each ``RESENT`` file by the device's second version: the same lines plus one more
    valid punch. Returns the files rewritten (a file already re-sent is left alone)."""
    root = Path(attendance_dir)
    rewritten = []
    for entry in load_manifest(manifest)["defects"]:
        if entry["kind"] != "RESENT":
            continue
        path = root / entry["file"]
        data = path.read_bytes()
        extra = (entry["resent_line"] + "\n").encode("ascii")
        lines = data.count(b"\n")
        if lines == entry["original_lines"] + 1 and data.endswith(extra):
            continue
        if lines != entry["original_lines"] or not data.endswith(b"\n"):
            raise ValueError(f"{entry['file']} is not the version the manifest describes")
        path.write_bytes(data + extra)
        rewritten.append(entry["file"])
    return rewritten


# --- device exports -------------------------------------------------------------------------


@dataclass
class _FilePlan:
    formats: set[str] = field(default_factory=set)
    lines: Counter = field(default_factory=Counter)
    truncate: bool = False
    resend: bool = False


def _count(rate: float, population: int, available: int | None = None) -> int:
    wanted = max(1, round(rate * population))
    return min(wanted, population if available is None else available)


def _plan_files(
    files: list[str], root: Path, targets: DefectTargets, rng: np.random.Generator
) -> dict[str, _FilePlan]:
    """Which existing files get which defects. Re-sent files get nothing else, so the re-sent
    version differs from the first by exactly one valid line."""
    plans: dict[str, _FilePlan] = {}
    rate, n_files = targets.rate, len(files)
    size = _count(rate, n_files, max(n_files - 1, 1))  # leave files for the other kinds
    resent = set(rng.choice(n_files, size=size, replace=False).tolist())
    others = np.array([i for i in range(n_files) if i not in resent], dtype=int)
    for index in sorted(resent):
        plans.setdefault(files[index], _FilePlan()).resend = True
    if not len(others):
        return plans
    # One file is the worst an Excel round trip makes: every format variation, every line
    # defect and a truncated end, together; the other picks are independent.
    worst = int(rng.choice(others))
    rest = others[others != worst]
    for kind in (*FORMAT_KINDS, "TRUNCATED_LINE"):
        size = _count(rate, n_files, len(others)) - 1
        for index in [worst, *rng.choice(rest, size=size, replace=False).tolist()]:
            plan = plans.setdefault(files[index], _FilePlan())
            if kind == "TRUNCATED_LINE":
                plan.truncate = True
            else:
                plan.formats.add(kind)
    # Line defects land in files in proportion to their lines (file size is a close proxy:
    # every line has about the same length), so each kind hits roughly `rate` of the punches.
    sizes = np.array([(root / files[i]).stat().st_size for i in others], dtype=float)
    weights = sizes / sizes.sum()
    for kind in LINE_KINDS:
        size = _count(rate, max(targets.punches, 1)) - 1
        for index in [worst, *rng.choice(others, size=size, p=weights).tolist()]:
            plans.setdefault(files[index], _FilePlan()).lines[kind] += 1
    return plans


def _rewrite_file(
    root: Path,
    name: str,
    plan: _FilePlan,
    rng: np.random.Generator,
    nips: frozenset[str],
    used_pins: set[str],
) -> list[dict[str, Any]]:
    path = root / name
    text = path.read_bytes().decode("ascii")
    header, *body = text.split("\n")[:-1]  # the simulator writes LF-terminated, comma lines
    clean = [line.split(",") for line in body]
    taken = {(fields[1], fields[2]) for fields in clean}
    n = len(clean)

    if plan.resend:
        anchor = clean[int(rng.integers(n))]
        fields = [*anchor[:2], _fresh_time(anchor, anchor[1], taken, rng), *anchor[3:]]
        line = ",".join(fields)
        entry = _file_entry("RESENT", name, n + 2, line)
        return [entry | {"original_lines": n + 1, "resent_line": line}]

    # Each defect line goes into a gap between clean lines (gap g: before clean line g); a
    # duplicate goes into a gap after its original. Sorting by gap places them all at once.
    placed: list[tuple[tuple[int, int, int], list[str], str | None]] = [
        ((i, 1, 0), fields, None) for i, fields in enumerate(clean)
    ]
    for kind in LINE_KINDS:
        for _ in range(plan.lines[kind]):
            anchor = int(rng.integers(n))
            if kind == "DUPLICATE":
                fields, gap = list(clean[anchor]), int(rng.integers(anchor + 1, n + 1))
            else:
                fields = _defect_punch(kind, clean[anchor], taken, rng, nips, used_pins)
                gap = int(rng.integers(0, n + 1))
            placed.append(((gap, 0, len(placed)), fields, kind))
    placed.sort(key=lambda item: item[0])
    rows = [(fields, tag) for _, fields, tag in placed]

    separator = ";" if "SEMICOLON" in plan.formats else ","
    newline = "\r\n" if "CRLF" in plan.formats else "\n"
    lines = [separator.join(header.split(","))] + [separator.join(f) for f, _ in rows]
    data = newline.join(lines) + newline
    entries = [_file_entry(kind, name, None, None) for kind in sorted(plan.formats)]
    entries += [
        _file_entry(tag, name, number, lines[number - 1])
        for number, (_, tag) in enumerate(rows, start=2)
        if tag is not None
    ]
    if plan.truncate:
        cut = _truncated(clean[int(rng.integers(n))], separator, rng)
        data += cut
        entries.append(_file_entry("TRUNCATED_LINE", name, len(lines) + 1, cut))
    path.write_bytes((BOM if "BOM" in plan.formats else b"") + data.encode("ascii"))
    return entries


def _fresh_time(
    anchor: list[str], pin: str, taken: set[tuple[str, str]], rng: np.random.Generator
) -> str:
    """A punch time on the anchor's day, near it, that no line of the file has for ``pin``."""
    stamp = datetime.fromisoformat(anchor[2])
    for _ in range(1000):
        moved = stamp + timedelta(seconds=int(rng.integers(-1800, 1801)))
        clock = moved.isoformat(sep=" ")
        if moved.date() == stamp.date() and (pin, clock) not in taken:
            taken.add((pin, clock))
            return clock
    raise RuntimeError(f"no free punch time near {anchor[2]} for {pin}")


def _defect_punch(
    kind: str,
    anchor: list[str],
    taken: set[tuple[str, str]],
    rng: np.random.Generator,
    nips: frozenset[str],
    used_pins: set[str],
) -> list[str]:
    device, pin, _, mode, state = anchor
    if kind == "UNKNOWN_PIN":
        pin = _unknown_pin(rng, nips, used_pins)
    clock = _fresh_time(anchor, pin, taken, rng)
    day, time_of_day = clock.split(" ")
    year, month, dom = day.split("-")
    if kind == "BAD_TIMESTAMP":
        clock = _bad_timestamp(clock, rng)
    elif kind == "FUTURE_TIMESTAMP":
        dom = "28" if (month, dom) == ("02", "29") else dom
        clock = f"2099-{month}-{dom} {time_of_day}"
    elif kind == "BAD_ENUM":
        mode = BAD_VERIFY_MODES[int(rng.integers(len(BAD_VERIFY_MODES)))]
    return [device, pin, clock, mode, state]


def _bad_timestamp(clock: str, rng: np.random.Generator) -> str:
    """``YYYY-MM-DD HH:MM:SS`` made impossible or written the way a misconfigured device does."""
    day, time_of_day = clock.split(" ")
    year, month, dom = day.split("-")
    return [
        f"{day} {time_of_day[:2]}:61:{time_of_day[6:]}",  # impossible minute
        f"{year}-02-30 {time_of_day}",  # impossible day
        f"{dom}/{month}/{year} {time_of_day[:5]}",  # Indonesian locale, no seconds
    ][int(rng.integers(3))]


def _unknown_pin(rng: np.random.Generator, nips: frozenset[str], used: set[str]) -> str:
    """An 18-digit NIP-shaped PIN (birth date, appointment month, sex, sequence) of nobody."""
    while True:
        birth = date(1965, 1, 1) + timedelta(days=int(rng.integers(0, 35 * 365)))
        hired = birth.year + int(rng.integers(20, 30))
        pin = (
            f"{birth:%Y%m%d}{hired:04d}{int(rng.integers(1, 13)):02d}"
            f"{int(rng.integers(1, 3))}{int(rng.integers(0, 1000)):03d}"
        )
        if pin not in nips and pin not in used:
            used.add(pin)
            return pin


def _truncated(fields: list[str], separator: str, rng: np.random.Generator) -> str:
    """A line cut inside the PIN or the punch time: at most 3 fields, never blank."""
    line = separator.join(fields)
    first = len(fields[0]) + 2  # at least one character of the PIN
    stop = len(fields[0]) + len(fields[1]) + len(fields[2]) + 2  # before the third separator
    return line[: int(rng.integers(first, stop + 1))]


def _unregistered_files(
    root: Path, files: list[str], targets: DefectTargets, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Copies of clean exports under folders of unregistered devices; each day's copy goes to
    the first such device that has none for that day yet."""
    registered = set(targets.devices)
    picks = sorted(rng.choice(len(files), size=_count(targets.rate, len(files)), replace=False))
    entries: list[dict[str, Any]] = []
    per_day: Counter = Counter()
    for index in picks:
        header, *body = (root / files[index]).read_bytes().decode("ascii").split("\n")[:-1]
        day_file = Path(files[index]).name
        device = f"{UNREGISTERED_PREFIX}{9001 + per_day[day_file]:04d}"
        per_day[day_file] += 1
        if device in registered:
            raise RuntimeError(f"{device} is a registered device")
        lines = [",".join([device, *line.split(",")[1:]]) for line in body]
        (root / device).mkdir(exist_ok=True)
        (root / device / day_file).write_bytes(("\n".join([header, *lines]) + "\n").encode())
        entries += [
            _file_entry("UNREGISTERED_DEVICE", f"{device}/{day_file}", number, line)
            for number, line in enumerate(lines, start=2)
        ]
    return entries


def _empty_files(
    root: Path, files: list[str], targets: DefectTargets, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """0-byte exports for registered device-days that have no file (a device with no punches
    that day still syncs); past the window if every day is taken."""
    existing = set(files)
    days = [
        targets.first_day + timedelta(days=d)
        for d in range((targets.last_day - targets.first_day).days + 1)
    ]
    # A device that keeps an attendance log never writes a CSV export, not even an empty one.
    devices = [device for device in targets.devices if device not in targets.attlog_pins]
    free = [
        f"{device}/{day.isoformat()}.csv"
        for device in sorted(devices)
        for day in days
        if f"{device}/{day.isoformat()}.csv" not in existing
    ]
    size = _count(targets.rate, len(files))
    if len(free) < size:
        after = [targets.last_day + timedelta(days=d) for d in range(1, size + 1)]
        free += [f"{device}/{day.isoformat()}.csv" for device in devices for day in after]
    entries = []
    for index in sorted(rng.choice(len(free), size=size, replace=False).tolist()):
        name = free[index]
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(b"")
        entries.append(_file_entry("EMPTY_FILE", name, None, None))
    return entries


# --- ZKTeco attendance logs -----------------------------------------------------------------


def _attlog_defects(
    root: Path, logs: list[str], targets: DefectTargets, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Extra lines in the devices' ``.dat`` logs: line kinds in proportion to the logs' lines
    (file size is the proxy, as for CSV), truncated ends per file."""
    plans: dict[str, Counter] = {}
    sizes = np.array([(root / name).stat().st_size for name in logs], dtype=float)
    for kind in ATTLOG_LINE_KINDS:
        size = _count(targets.rate, max(targets.attlog_punches, 1))
        for index in rng.choice(len(logs), size=size, p=sizes / sizes.sum()).tolist():
            plans.setdefault(logs[index], Counter())[kind] += 1
    size = _count(targets.rate, len(logs))
    for index in rng.choice(len(logs), size=size, replace=False).tolist():
        plans.setdefault(logs[index], Counter())["ATTLOG_TRUNCATED_LINE"] = 1
    entries: list[dict[str, Any]] = []
    for name in sorted(plans):
        enrolled = targets.attlog_pins.get(Path(name).parent.name, frozenset())
        entries += _rewrite_log(root, name, plans[name], enrolled, rng)
    return entries


def _rewrite_log(
    root: Path, name: str, plan: Counter, enrolled: frozenset[str], rng: np.random.Generator
) -> list[dict[str, Any]]:
    path = root / name
    text = path.read_bytes().decode("ascii")
    newline = "\r\n" if text.endswith("\r\n") else "\n"
    clean = [line.split("\t") for line in text.split(newline)[:-1]]
    n = len(clean)
    # A defect line follows the line it was made from (the log is in time order); ties keep the
    # clean line first.
    placed: list[tuple[tuple[int, int, int], str, str | None]] = [
        ((i, 1, 0), "\t".join(fields), None) for i, fields in enumerate(clean)
    ]
    first_unknown = max((int(pin) for pin in enrolled), default=0) + 1
    planted: set[tuple[str, str]] = set()
    for kind in ATTLOG_LINE_KINDS:
        for _ in range(plan[kind]):
            anchor = int(rng.integers(n))
            fields = list(clean[anchor])
            if kind == "ATTLOG_UNKNOWN_PIN":
                # An id above every one ever enrolled: on the machine, never in device_user.
                while True:
                    pin = str(first_unknown + int(rng.integers(0, 1000)))
                    if (pin, fields[1]) not in planted:
                        planted.add((pin, fields[1]))
                        break
                padded = fields[0].startswith(" ")
                fields[0] = pin.rjust(len(fields[0])) if padded else pin
            else:
                fields[1] = _bad_timestamp(fields[1], rng)
            placed.append(((anchor + 1, 0, len(placed)), "\t".join(fields), kind))
    placed.sort(key=lambda item: item[0])
    lines = [line for _, line, _ in placed]
    data = newline.join(lines) + newline
    entries = [
        _file_entry(tag, name, number, line)
        for number, (_, line, tag) in enumerate(placed, start=1)
        if tag is not None
    ]
    if plan["ATTLOG_TRUNCATED_LINE"]:
        cut = _truncated_log_line(clean[int(rng.integers(n))], rng)
        data += cut
        entries.append(_file_entry("ATTLOG_TRUNCATED_LINE", name, len(lines) + 1, cut))
    path.write_bytes(data.encode("ascii"))
    return entries


def _truncated_log_line(fields: list[str], rng: np.random.Generator) -> str:
    """A log line cut inside the PIN or the punch time (at most 2 fields), never blank: at
    least one digit of a space-padded PIN stays."""
    line = "\t".join(fields)
    first = len(fields[0]) - len(fields[0].lstrip(" ")) + 1
    stop = len(fields[0]) + 1 + len(fields[1])  # the end of the punch time
    return line[: int(rng.integers(first, stop + 1))]


def _file_entry(kind: str, name: str, line: int | None, text: str | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "source": "attendance",
        "file": name,
        "line": line,
        "table": None,
        "key": None,
        "reason": REASONS[kind],
        "text": text,
    }


# --- database rows --------------------------------------------------------------------------


def _is_sqlite(url: str) -> bool:
    return sa.engine.make_url(url).get_backend_name() == "sqlite"


def _row_counts(kinds: list[str], rows: int, rate: float) -> dict[str, int]:
    """Defect rows per kind in a table of ``rows`` rows: about ``rate`` of them and at least one,
    but the table's together below 1/DATABASE_SHARE_DENOMINATOR of its rows; one of each kind
    when even that is more. ``MISSING_KEY`` is one row: the empty key can be held only once."""
    allowed = (rows - 1) // DATABASE_SHARE_DENOMINATOR  # the most rows strictly below the share
    per_kind = max(1, min(round(rate * rows), allowed // len(kinds)))
    return {kind: 1 if kind == "MISSING_KEY" else per_kind for kind in kinds}


def _database_defects(
    targets: DefectTargets, rng: np.random.Generator, used_pins: set[str]
) -> list[dict[str, Any]]:
    """Extra rows: copies of random valid rows under a new key, each with one value that breaks
    the contract (a malformed date only on SQLite)."""
    engine = create_database_engine(targets.app_url)
    try:
        sqlite = engine.dialect.name == "sqlite"
        entries: list[dict[str, Any]] = []
        for table, all_kinds in TABLE_KINDS.items():
            kinds = [kind for kind in all_kinds if sqlite or kind not in MALFORMED_KINDS]
            rows = _scalar(engine, sa.select(sa.func.count()).select_from(APP.tables[table]))
            if not rows:
                raise ValueError(f"{table} is empty: no row to copy a defect from")
            # Every copy is drawn from the clean table before a defect row is written: the typed
            # reads could not parse a malformed one.
            anchors = {
                kind: _sample(engine, table, size, rng)
                if kind in MALFORMED_KINDS
                else _typed_sample(engine, table, rows, size, rng)
                for kind, size in _row_counts(kinds, rows, targets.rate).items()
            }
            entries += _plant_rows(engine, table, anchors, rng, targets.nips, used_pins)
        return entries
    finally:
        engine.dispose()


def _plant_rows(
    engine: sa.Engine,
    table: str,
    anchors: dict[str, list[dict]],
    rng: np.random.Generator,
    nips: frozenset[str],
    used_pins: set[str],
) -> list[dict[str, Any]]:
    key = TABLE_KEYS[table]
    new_keys = iter(_new_keys(engine, table, anchors, rng))
    entries, typed, verbatim = [], [], []
    for kind, rows in anchors.items():
        for row in rows:
            row[key] = "" if kind == "MISSING_KEY" else next(new_keys)
            text = _break(kind, row, rng, nips, used_pins)
            (verbatim if kind in MALFORMED_KINDS else typed).append(row)
            entries.append(_row_entry(kind, table, key, row, text))
    insert_rows(engine, APP.tables[table], typed)
    if verbatim:
        insert_verbatim(engine, APP.tables[table], verbatim)
    return entries


def _break(
    kind: str, row: dict, rng: np.random.Generator, nips: frozenset[str], used_pins: set[str]
) -> str:
    """Give ``row`` the value of ``kind``; returns the manifest text (``column=value``)."""
    if kind == "BAD_ACTIVITY_DATE":
        year, month, dom = row["activity_date"].split("-")
        row["activity_date"] = [f"{year}-02-30", f"{dom}/{month}/{year}", f"{year}-{month}-32"][
            int(rng.integers(3))
        ]
        return f"activity_date={row['activity_date']}"
    if kind == "BAD_LEAVE_DATE":
        row["start_date"] = f"{row['start_date'][:4]}-13-45"
        return f"start_date={row['start_date']}"
    if kind == "BAD_REPORT_STATUS":
        row["status"] = BAD_REPORT_STATUSES[int(rng.integers(len(BAD_REPORT_STATUSES)))]
        return f"status={row['status']}"
    if kind == "BAD_QUANTITY":
        row["quantity"] = Decimal(0) if rng.random() < 0.5 else -row["quantity"]
        return f"quantity={row['quantity']}"
    if kind == "MISSING_KEY":
        return "report_id="
    if kind == "UNKNOWN_EMPLOYEE":
        row["nip"] = _unknown_pin(rng, nips, used_pins)
        return f"nip={row['nip']}"
    if kind == "UNKNOWN_LEAVE_TYPE":
        row["leave_type"] = UNKNOWN_LEAVE_TYPE
        return f"leave_type={row['leave_type']}"
    if kind == "LEAVE_DATES_REVERSED":
        start, end = row["start_date"], row["end_date"]
        if end > start:
            row["start_date"], row["end_date"] = end, start
        else:  # a one-day leave: the end moves before the start
            row["end_date"] = start - timedelta(days=int(rng.integers(1, 4)))
        return f"start_date={row['start_date']},end_date={row['end_date']}"
    raise ValueError(f"not a database defect kind: {kind}")


def _new_keys(
    engine: sa.Engine, table: str, anchors: dict[str, list[dict]], rng: np.random.Generator
) -> list:
    """A fresh primary key for every copy but the ``MISSING_KEY`` one, in planting order."""
    rows = [row for kind, copies in anchors.items() if kind != "MISSING_KEY" for row in copies]
    leave_id = APP.tables["leave_request"].c.leave_id
    if table == "leave_request":
        first = _scalar(engine, sa.select(sa.func.max(leave_id))) + 1
        return list(range(first, first + len(rows)))
    # Time-ordered like the app's own ids, at the moment of the row they copy.
    millis = [int(str(row["report_id"]).replace("-", "")[:12], 16) for row in rows]
    ids = [str(new_id) for new_id in time_ordered_uuids(rng, np.array(millis, dtype=np.int64))]
    report_id = APP.tables["activity_report"].c.report_id
    clash = sum(
        _scalar(engine, sa.select(sa.func.count()).where(report_id.in_(ids[i : i + 500])))
        for i in range(0, len(ids), 500)
    )
    if clash or len(set(ids)) != len(ids):
        raise RuntimeError("a defect report_id collides with an existing one")
    return ids


def _scalar(engine: sa.Engine, statement: sa.Select) -> Any:
    with engine.connect() as conn:
        return conn.execute(statement).scalar_one()


def _typed_sample(
    engine: sa.Engine, table: str, rows: int, size: int, rng: np.random.Generator
) -> list[dict]:
    """``size`` random rows of ``table`` as typed values, any engine: positions drawn in key
    order, the keys streamed (memory stays small for large tables), then the rows read by key."""
    columns = APP.tables[table]
    (key,) = columns.primary_key.columns
    chosen = set(rng.choice(rows, size=size, replace=False).tolist())
    with engine.connect() as conn:
        stream = conn.execution_options(yield_per=50_000).execute(sa.select(key).order_by(key))
        picked = [value for position, value in enumerate(stream.scalars()) if position in chosen]
        found: dict[Any, dict] = {}
        for first in range(0, len(picked), 500):
            query = sa.select(columns).where(key.in_(picked[first : first + 500]))
            found |= {row[key.name]: dict(row) for row in conn.execute(query).mappings()}
    return [found[value] for value in picked]


def _sql(engine: sa.Engine, sql: str, *params: Any) -> list[tuple]:
    """Rows straight from the driver, with no type processing (dates stay text)."""
    with engine.connect() as conn:
        cursor = conn.connection.cursor()
        try:
            return [tuple(row) for row in cursor.execute(sql, params).fetchall()]
        finally:
            cursor.close()


def _sample(engine: sa.Engine, table: str, size: int, rng: np.random.Generator) -> list[dict]:
    """Random rows of a SQLite ``table`` as the driver returns them (text dates, no type
    conversion)."""
    rowids = sorted(row[0] for row in _sql(engine, f"select rowid from {table}"))
    chosen = sorted(rng.choice(rowids, size=size, replace=False).tolist())
    names = [column.name for column in APP.tables[table].columns]
    # One JSON parameter rather than a placeholder per row: no limit on the number of rows.
    rows = _sql(
        engine,
        f"select {', '.join(names)} from {table} "
        "where rowid in (select value from json_each(?)) order by rowid",
        json.dumps(chosen),
    )
    return [dict(zip(names, row, strict=True)) for row in rows]


def _row_entry(kind: str, table: str, key: str, row: dict, text: str) -> dict[str, Any]:
    """The manifest entry of a planted row: where it is, why it is rejected, and the
    employee-months it may have changed (``nip``, ``first_date`` .. ``last_date``)."""
    if kind in MALFORMED_KINDS:
        first = last = None  # the row's dates cannot be read
    elif table == "activity_report":
        first = last = row["activity_date"].isoformat()
    else:
        first, last = (day.isoformat() for day in sorted((row["start_date"], row["end_date"])))
    return {
        "kind": kind,
        "source": "app",
        "file": None,
        "line": None,
        "table": table,
        "key": {key: row[key]},
        "reason": REASONS[kind],
        "text": text,
        "nip": row["nip"],
        "first_date": first,
        "last_date": last,
    }


def _entry_order(entry: dict[str, Any]) -> tuple:
    return (
        entry["source"] != "attendance",
        entry["file"] or entry["table"],
        entry["line"] or 0,
        entry["kind"],
        repr(entry["key"]),
    )


def _manifest_text(manifest: dict[str, Any]) -> str:
    """Indented JSON with one defect per line (readable and diffable; fast for many defects)."""
    head = json.dumps({k: v for k, v in manifest.items() if k != "defects"}, indent=1)
    lines = ",\n  ".join(json.dumps(entry) for entry in manifest["defects"])
    return f'{head[:-2]},\n "defects": [\n  {lines}\n ]\n}}\n'
