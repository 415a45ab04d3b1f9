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

Database defects (app database; ``table`` and primary ``key`` instead of file and line):

- ``BAD_ACTIVITY_DATE``: an activity_report row with an unparseable activity_date -> ``BAD_TYPE``.
- ``BAD_LEAVE_DATE``: a leave_request row with start_date ``YYYY-13-45`` -> ``BAD_TYPE``.

Database defects exist only on SQLite sources: SQLite stores the malformed text in a DATE
column, whereas the typed columns of PostgreSQL and MariaDB cannot hold such rows at all, so on
those engines the database kinds are skipped (the manifest says so).

Every kind occurs at roughly ``defect_rate`` (line kinds per punch, file kinds per export file,
database kinds per table row) and at least once. Injection never changes a valid row: a defect
line is an extra line (a duplicate follows its original; any other carries a PIN and time that no
line of its file has, so it cannot turn a valid line into a duplicate), a defect file is a new
file, a defect database row an extra row with a new key; format variations re-encode a file
without changing its values. Each entry's ``text`` is the planted line (or ``column=value``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa

from ingestion.contract import APP
from simulator.randomness import component_rng, time_ordered_uuids
from simulator.writer import create_database_engine, insert_verbatim

MANIFEST_NAME = "defects_manifest.json"
MANIFEST_VERSION = 1

BOM = b"\xef\xbb\xbf"
FORMAT_KINDS = ("BOM", "CRLF", "SEMICOLON")
LINE_KINDS = ("DUPLICATE", "UNKNOWN_PIN", "BAD_TIMESTAMP", "FUTURE_TIMESTAMP", "BAD_ENUM")
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
    "BAD_ACTIVITY_DATE": "BAD_TYPE",
    "BAD_LEAVE_DATE": "BAD_TYPE",
}
DATABASE_KINDS = ("BAD_ACTIVITY_DATE", "BAD_LEAVE_DATE")
BAD_VERIFY_MODES = ("IRIS", "PALM", "VEIN")
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
    punches: int  # valid punch lines written


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
    if not files:
        raise ValueError(f"no device exports in {root} to inject defects into")
    plans = _plan_files(files, root, targets, rng)
    # New files first: unregistered devices' files copy exports before defects are planted.
    entries = _unregistered_files(root, files, targets, rng)
    entries += _empty_files(root, files, targets, rng)
    used_pins: set[str] = set()
    for name in sorted(plans):
        entries += _rewrite_file(root, name, plans[name], rng, targets.nips, used_pins)
    if _is_sqlite(targets.app_url):
        entries += _database_defects(targets.app_url, targets.rate, rng)
        database = "injected (SQLite source)"
    else:
        database = (
            "skipped: the typed columns of PostgreSQL and MariaDB cannot hold malformed values"
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
        clock = [
            f"{day} {time_of_day[:2]}:61:{time_of_day[6:]}",  # impossible minute
            f"{year}-02-30 {time_of_day}",  # impossible day
            f"{dom}/{month}/{year} {time_of_day[:5]}",  # Indonesian locale, no seconds
        ][int(rng.integers(3))]
    elif kind == "FUTURE_TIMESTAMP":
        dom = "28" if (month, dom) == ("02", "29") else dom
        clock = f"2099-{month}-{dom} {time_of_day}"
    elif kind == "BAD_ENUM":
        mode = BAD_VERIFY_MODES[int(rng.integers(len(BAD_VERIFY_MODES)))]
    return [device, pin, clock, mode, state]


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
    free = [
        f"{device}/{day.isoformat()}.csv"
        for device in sorted(targets.devices)
        for day in days
        if f"{device}/{day.isoformat()}.csv" not in existing
    ]
    size = _count(targets.rate, len(files))
    if len(free) < size:
        after = [targets.last_day + timedelta(days=d) for d in range(1, size + 1)]
        free += [f"{device}/{day.isoformat()}.csv" for device in targets.devices for day in after]
    entries = []
    for index in sorted(rng.choice(len(free), size=size, replace=False).tolist()):
        name = free[index]
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(b"")
        entries.append(_file_entry("EMPTY_FILE", name, None, None))
    return entries


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


def _database_defects(url: str, rate: float, rng: np.random.Generator) -> list[dict[str, Any]]:
    """Extra rows, copies of random valid rows under a new key with one malformed date."""
    engine = create_database_engine(url)
    try:
        reports = _sample(engine, "activity_report", rate, rng)
        ids = [row["report_id"] for row in reports]
        millis = np.array([int(rid.replace("-", "")[:12], 16) for rid in ids], dtype=np.int64)
        new_ids = [str(new_id) for new_id in time_ordered_uuids(rng, millis)]
        clash = _sql(
            engine,
            "select count(*) from activity_report "
            "where report_id in (select value from json_each(?))",
            json.dumps(new_ids),
        )
        if clash[0][0] or len(set(new_ids)) != len(new_ids):
            raise RuntimeError("a defect report_id collides with an existing one")
        entries = []
        for row, new_id in zip(reports, new_ids, strict=True):
            year, month, dom = row["activity_date"].split("-")
            row["report_id"] = new_id
            row["activity_date"] = [f"{year}-02-30", f"{dom}/{month}/{year}", f"{year}-{month}-32"][
                int(rng.integers(3))
            ]
            entries.append(
                _row_entry(
                    "BAD_ACTIVITY_DATE", "activity_report", row, "report_id", "activity_date"
                )
            )
        leaves = _sample(engine, "leave_request", rate, rng)
        next_id = _sql(engine, "select max(leave_id) from leave_request")[0][0] + 1
        for offset, row in enumerate(leaves):
            row["leave_id"] = next_id + offset
            row["start_date"] = f"{row['start_date'][:4]}-13-45"
            entries.append(
                _row_entry("BAD_LEAVE_DATE", "leave_request", row, "leave_id", "start_date")
            )
        insert_verbatim(engine, APP.tables["activity_report"], reports)
        insert_verbatim(engine, APP.tables["leave_request"], leaves)
        return entries
    finally:
        engine.dispose()


def _sql(engine: sa.Engine, sql: str, *params: Any) -> list[tuple]:
    """Rows straight from the driver, with no type processing (dates stay text)."""
    with engine.connect() as conn:
        cursor = conn.connection.cursor()
        try:
            return [tuple(row) for row in cursor.execute(sql, params).fetchall()]
        finally:
            cursor.close()


def _sample(engine: sa.Engine, table: str, rate: float, rng: np.random.Generator) -> list[dict]:
    """Random rows of ``table`` as the driver returns them (text dates, no type conversion)."""
    rowids = sorted(row[0] for row in _sql(engine, f"select rowid from {table}"))
    if not rowids:
        raise ValueError(f"{table} is empty: no row to copy a defect from")
    chosen = sorted(rng.choice(rowids, size=_count(rate, len(rowids)), replace=False).tolist())
    names = [column.name for column in APP.tables[table].columns]
    # One JSON parameter rather than a placeholder per row: no limit on the number of rows.
    rows = _sql(
        engine,
        f"select {', '.join(names)} from {table} "
        "where rowid in (select value from json_each(?)) order by rowid",
        json.dumps(chosen),
    )
    return [dict(zip(names, row, strict=True)) for row in rows]


def _row_entry(kind: str, table: str, row: dict, key: str, column: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "source": "app",
        "file": None,
        "line": None,
        "table": table,
        "key": {key: row[key]},
        "reason": REASONS[kind],
        "text": f"{column}={row[column]}",
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
