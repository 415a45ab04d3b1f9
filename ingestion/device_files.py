"""Reader for the attendance devices' export folder: ``<device_sn>/<YYYY-MM-DD>.csv``.

Files are decoded (UTF-8 with or without BOM), split into lines (LF or CRLF), and split on the
separator the header uses (``,`` or ``;``). Lines that cannot be split into the header's fields
are quarantined here; the rest are validated in bulk in DuckDB by :mod:`ingestion.punches`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ingestion.contract import PUNCH_FILE_COLUMNS

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.csv$", re.IGNORECASE)


@dataclass(frozen=True)
class DeviceFile:
    """One export file: the device and day its path names, and a checksum of its bytes."""

    path: Path
    device_sn: str
    file_date: str
    sha256: str


@dataclass
class ParsedLines:
    """Field-split lines of many files, column-wise, plus the lines rejected while splitting."""

    device_sn: list[str | None]
    pin: list[str | None]
    punch_time: list[str | None]
    verify_mode: list[str | None]
    punch_state: list[str | None]
    source_file: list[str]
    folder_device: list[str]
    row_number: list[int]
    raw_text: list[str]
    rejected: list[tuple[str, int, str, str, str]]  # file, line no, reason, detail, raw text


def list_device_files(attendance_dir: Path) -> list[DeviceFile]:
    """Every ``<device>/<date>.csv`` in the folder, sorted; other files are ignored."""
    files = []
    for path in sorted(attendance_dir.glob("*/*")):
        match = FILE_NAME.match(path.name)
        if not (path.is_file() and match):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append(DeviceFile(path, path.parent.name, match.group(1), digest))
    return files


def parse_files(files: list[DeviceFile], attendance_dir: Path) -> ParsedLines:
    parsed = ParsedLines([], [], [], [], [], [], [], [], [], [])
    for device_file in files:
        _parse_one(device_file, attendance_dir, parsed)
    return parsed


def _parse_one(device_file: DeviceFile, attendance_dir: Path, out: ParsedLines) -> None:
    name = device_file.path.relative_to(attendance_dir).as_posix()
    data = device_file.path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    ends_with_newline = text.endswith(("\n", "\r"))
    lines = text.splitlines()
    if not lines:
        return
    header = lines[0].strip()
    separator = ";" if header.count(";") > header.count(",") else ","
    n_fields = len(PUNCH_FILE_COLUMNS)
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(separator)]
        if len(fields) != n_fields:
            is_last = line_no == len(lines)
            reason = (
                "TRUNCATED_LINE"
                if is_last and not ends_with_newline and len(fields) < n_fields
                else "BAD_FIELD_COUNT"
            )
            out.rejected.append(
                (name, line_no, reason, f"{len(fields)} fields, expected {n_fields}", line)
            )
            continue
        out.device_sn.append(fields[0] or None)
        out.pin.append(fields[1] or None)
        out.punch_time.append(fields[2] or None)
        out.verify_mode.append(fields[3] or None)
        out.punch_state.append(fields[4] or None)
        out.source_file.append(name)
        out.folder_device.append(device_file.device_sn)
        out.row_number.append(line_no)
        out.raw_text.append(line)
