"""Reader for the attendance devices' export folder, in the two formats devices write:

* ``<device_sn>/<YYYY-MM-DD>.csv``: one file per device-day with a header; split on the
  separator the header uses (``,`` or ``;``);
* ``<device_sn>/<name>.dat``: a ZKTeco attendance log (ATTLOG), as the machines and the brands
  built on them give it on a USB drive or over ADMS: no header, ``PIN<TAB>time<TAB>status<TAB>
  verify<TAB>workcode`` and any reserved fields after, the PIN possibly padded with spaces, any
  number of days per file, successive downloads overlapping.

The format is chosen per file, so both may sit side by side, even for one device. Files are
decoded (UTF-8 with or without BOM) and split into lines (LF, CRLF or CR). Lines that cannot be
split into their format's fields are quarantined here; the rest, in one shape for both formats,
are validated in bulk in DuckDB by :mod:`ingestion.punches`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingestion.contract import ATTLOG_MIN_FIELDS, ATTLOG_VERIFY, PUNCH_FILE_COLUMNS

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.csv$", re.IGNORECASE)
ATTLOG_NAME = re.compile(r"^[^.].*\.dat$", re.IGNORECASE)
CSV, ATTLOG = "csv", "attlog"
# The day of an ATTLOG line: the date after the first tab.
ATTLOG_DAY = re.compile(rb"\t\s*(\d{4}-\d{2}-\d{2})[ T]")
# Devices end lines with LF or CRLF (a lone CR too). str.splitlines() would also split inside a
# field on form feed, NEL, U+2028 and the like, turning one line into two and shifting every
# line number after it (found by tests/reliability/test_fuzz_ingestion.py).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class DeviceFile:
    """One export file: the device and (for a CSV) the day its path names, a checksum of its
    bytes, and its size and modification time when listed."""

    path: Path
    device_sn: str
    file_date: str | None
    sha256: str
    size: int | None = None
    mtime_ns: int | None = None
    kind: str = CSV


def export_kind(name: str) -> str | None:
    """``csv`` for ``<YYYY-MM-DD>.csv``, ``attlog`` for ``*.dat``, None for any other file."""
    if FILE_NAME.match(name):
        return CSV
    if ATTLOG_NAME.match(name):
        return ATTLOG
    return None


def export_days(path: Path) -> tuple[str, str] | None:
    """First and last day an export file covers: the day a CSV's name gives; for an ATTLOG, the
    days of its first and last punch lines (a machine appends its log in time order), read from
    the file's two ends only. None when no day can be read."""
    kind = export_kind(path.name)
    if kind == CSV:
        day = FILE_NAME.match(path.name).group(1)
        return day, day
    if kind != ATTLOG:
        return None
    with path.open("rb") as handle:
        head = handle.read(4096)
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    days = [
        day
        for chunk in (head, tail)
        for m in ATTLOG_DAY.finditer(chunk)
        if _is_date(day := m.group(1).decode())
    ]
    return (min(days), max(days)) if days else None


def _is_date(text: str) -> bool:
    """A real calendar day (a log line may carry 2025-02-30, to be quarantined, not trusted)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass
class ParsedLines:
    """Field-split lines of many files as an Arrow table, plus the lines rejected while splitting.

    ``lines`` columns: device_sn, pin, punch_time, verify_mode, punch_state, source_file,
    folder_device, row_number (1-based line number, header = 1), raw_text.
    """

    lines: pa.Table
    rejected: list[tuple[str, int, str, str, str]]  # file, line no, reason, detail, raw text


def list_device_files(
    attendance_dir: Path, known: Mapping[str, tuple[int, int, str]] | None = None
) -> list[DeviceFile]:
    """Every ``<device>/<date>.csv`` and ``<device>/*.dat`` in the folder, sorted; other files
    are ignored.

    ``known`` maps a file's folder-relative name to the (size, modification time in ns, sha256)
    recorded when it was last read: a file whose size and time are unchanged keeps that checksum
    without being read again (a device that re-sends a day writes the file anew), so a run over
    a year of unchanged exports costs a directory listing, not reading every file."""
    known = known or {}
    files = []
    for path in sorted(attendance_dir.glob("*/*")):
        kind = export_kind(path.name)
        if not (kind and path.is_file()):
            continue
        match = FILE_NAME.match(path.name)
        stat = path.stat()
        seen = known.get(f"{path.parent.name}/{path.name}")
        if seen is not None and (seen[0], seen[1]) == (stat.st_size, stat.st_mtime_ns):
            digest = seen[2]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        day = match.group(1) if match else None
        files.append(
            DeviceFile(path, path.parent.name, day, digest, stat.st_size, stat.st_mtime_ns, kind)
        )
    return files


def parse_files(files: list[DeviceFile], attendance_dir: Path) -> ParsedLines:
    """Split every line of every file in bulk, each format in one pass over all its files."""
    parts = [
        parser([f for f in files if f.kind == kind], attendance_dir)
        for kind, parser in ((CSV, _parse_csv), (ATTLOG, _parse_attlog))
        if any(f.kind == kind for f in files)
    ]
    if not parts:
        return _parse_csv([], attendance_dir)
    return ParsedLines(
        pa.concat_tables([p.lines for p in parts], promote_options="permissive"),
        [r for p in parts for r in p.rejected],
    )


def _split_lines(files: list[DeviceFile], attendance_dir: Path, header: bool) -> pa.Table:
    """Every non-blank line of ``files`` with its file, folder device and 1-based line number
    (``header``: the first line of each file is a header, not a punch); ``last_open`` marks a
    file's last line when the file does not end with a line break (cut off in transfer).

    Python only decodes each file; splitting into lines, numbering and picking run in Arrow over
    all files at once (no Python object per line: a slice of 1,000 files is 650,000 lines)."""
    texts = [_decode(f.path.read_bytes()) for f in files]
    per_file = pa.array(texts, pa.large_string())
    split = pc.split_pattern_regex(per_file, LINE_BREAK.pattern)
    lengths = pc.list_value_length(split).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(split)
    parent = pc.list_parent_indices(split).to_numpy(zero_copy_only=False)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    index = np.arange(len(flat), dtype=np.int64) - starts  # 0 = the file's header
    names = [f.path.relative_to(attendance_dir).as_posix() for f in files]
    ends_open = np.array([not t.endswith(("\n", "\r")) for t in texts], dtype=bool)
    columns = {
        "raw_text": flat,  # the original text, kept for the quarantine
        "source_file": pc.take(pa.array(names, pa.string()), parent),
        "folder_device": pc.take(pa.array([f.device_sn for f in files], pa.string()), parent),
        "row_number": pa.array(index + 1, pa.int64()),
        "last_open": pa.array((index == lengths[parent] - 1) & ends_open[parent]),
    }
    if header:
        headers = pc.list_element(split, 0)
        semicolons = pc.greater(pc.count_substring(headers, ";"), pc.count_substring(headers, ","))
        columns["semicolons"] = pc.take(semicolons, parent)
    table = pa.table(columns)
    if header:
        table = table.filter(pa.array(index > 0))  # the header is not a punch
    return table.filter(pc.invert(pc.equal(pc.utf8_trim_whitespace(table["raw_text"]), "")))


def _parse_csv(files: list[DeviceFile], attendance_dir: Path) -> ParsedLines:
    """CSV exports: fields as the header names them, split on its separator."""
    table = _split_lines(files, attendance_dir, header=True)
    normalised = pc.if_else(
        table["semicolons"],
        pc.replace_substring(table["raw_text"], ";", ","),
        table["raw_text"],
    )
    fields = pc.split_pattern(normalised, ",")
    counts = pc.list_value_length(fields)
    n_fields = len(PUNCH_FILE_COLUMNS)
    good = pc.equal(counts, n_fields)
    rejected = _rejected(table.filter(pc.invert(good)), counts.filter(pc.invert(good)), n_fields)
    kept = table.filter(good)
    split_fields = fields.filter(good)
    columns = {
        name: _blank_to_null(pc.utf8_trim_whitespace(pc.list_element(split_fields, i)))
        for i, name in enumerate(PUNCH_FILE_COLUMNS)
    }
    return ParsedLines(_lines(columns, kept), rejected)


def _lines(columns: dict, kept: pa.Table) -> pa.Table:
    """The common shape of parsed lines of either format."""
    return pa.table(
        {
            **columns,
            "source_file": kept["source_file"],
            "folder_device": kept["folder_device"],
            "row_number": kept["row_number"],
            "raw_text": kept["raw_text"],
        }
    )


def _parse_attlog(files: list[DeviceFile], attendance_dir: Path) -> ParsedLines:
    """ZKTeco attendance logs: tab-separated, at least PIN, time, status, verify and workcode.
    The device is the folder's (a log does not name its machine); the PIN is trimmed of its
    padding; the verify code becomes the contract's verify mode (ATTLOG_VERIFY; another number
    is OTHER, anything else is kept as written, to be rejected as BAD_ENUM)."""
    table = _split_lines(files, attendance_dir, header=False)
    fields = pc.split_pattern(table["raw_text"], "\t")
    counts = pc.list_value_length(fields)
    good = pc.greater_equal(counts, ATTLOG_MIN_FIELDS)
    rejected = _rejected(
        table.filter(pc.invert(good)), counts.filter(pc.invert(good)), ATTLOG_MIN_FIELDS, True
    )
    kept = table.filter(good)
    split_fields = fields.filter(good)

    def field(i: int) -> pa.ChunkedArray:
        return _blank_to_null(pc.utf8_trim_whitespace(pc.list_element(split_fields, i)))

    verify = field(3)
    codes = pa.array(list(ATTLOG_VERIFY), pa.string())
    named = pc.take(pa.array(list(ATTLOG_VERIFY.values()), pa.string()), pc.index_in(verify, codes))
    numeric = pc.match_substring_regex(verify, r"^\d+$")
    columns = {
        "device_sn": kept["folder_device"],
        "pin": field(0),
        "punch_time": field(1),
        "verify_mode": pc.if_else(numeric, pc.coalesce(named, "OTHER"), verify),
        "punch_state": field(2),
    }
    return ParsedLines(_lines(columns, kept), rejected)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _blank_to_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)


def _rejected(bad: pa.Table, counts: pa.ChunkedArray, n_fields: int, at_least=False) -> list:
    """Lines with the wrong number of fields (for an ATTLOG: fewer than it needs): a short last
    line of a file that ends without a newline was cut off in transfer (TRUNCATED_LINE); any
    other is BAD_FIELD_COUNT."""
    out = []
    for row, count in zip(bad.to_pylist(), counts.to_pylist(), strict=True):
        truncated = row["last_open"] and count < n_fields
        out.append(
            (
                row["source_file"],
                row["row_number"],
                "TRUNCATED_LINE" if truncated else "BAD_FIELD_COUNT",
                f"{count} fields, expected {'at least ' if at_least else ''}{n_fields}",
                row["raw_text"],
            )
        )
    return out
