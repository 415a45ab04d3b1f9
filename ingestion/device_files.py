"""Reader for the attendance devices' export folder: ``<device_sn>/<YYYY-MM-DD>.csv``.

Files are decoded (UTF-8 with or without BOM), split into lines (LF, CRLF or CR), and split on
the separator the header uses (``,`` or ``;``). Lines that cannot be split into the header's fields
are quarantined here; the rest are validated in bulk in DuckDB by :mod:`ingestion.punches`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingestion.contract import PUNCH_FILE_COLUMNS

FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.csv$", re.IGNORECASE)
# Devices end lines with LF or CRLF (a lone CR too). str.splitlines() would also split inside a
# field on form feed, NEL, U+2028 and the like, turning one line into two and shifting every
# line number after it (found by tests/reliability/test_fuzz_ingestion.py).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class DeviceFile:
    """One export file: the device and day its path names, a checksum of its bytes, and its size
    and modification time when listed."""

    path: Path
    device_sn: str
    file_date: str
    sha256: str
    size: int | None = None
    mtime_ns: int | None = None


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
    """Every ``<device>/<date>.csv`` in the folder, sorted; other files are ignored.

    ``known`` maps a file's folder-relative name to the (size, modification time in ns, sha256)
    recorded when it was last read: a file whose size and time are unchanged keeps that checksum
    without being read again (a device that re-sends a day writes the file anew), so a run over
    a year of unchanged exports costs a directory listing, not reading every file."""
    known = known or {}
    files = []
    for path in sorted(attendance_dir.glob("*/*")):
        match = FILE_NAME.match(path.name)
        if not (path.is_file() and match):
            continue
        stat = path.stat()
        seen = known.get(f"{path.parent.name}/{path.name}")
        if seen is not None and (seen[0], seen[1]) == (stat.st_size, stat.st_mtime_ns):
            digest = seen[2]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append(
            DeviceFile(
                path, path.parent.name, match.group(1), digest, stat.st_size, stat.st_mtime_ns
            )
        )
    return files


def parse_files(files: list[DeviceFile], attendance_dir: Path) -> ParsedLines:
    """Split every line of every file in bulk: Python only decodes each file; splitting into
    lines and fields, numbering lines and picking columns run in Arrow over all files at once
    (no Python object per line: a slice of 1,000 files is 650,000 lines)."""
    texts = [_decode(f.path.read_bytes()) for f in files]
    per_file = pa.array(texts, pa.large_string())
    split = pc.split_pattern_regex(per_file, LINE_BREAK.pattern)
    lengths = pc.list_value_length(split).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(split)
    parent = pc.list_parent_indices(split).to_numpy(zero_copy_only=False)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    index = np.arange(len(flat), dtype=np.int64) - starts  # 0 = the file's header
    names = [f.path.relative_to(attendance_dir).as_posix() for f in files]
    headers = pc.list_element(split, 0)
    semicolons = pc.greater(pc.count_substring(headers, ";"), pc.count_substring(headers, ","))
    ends_open = np.array([not t.endswith(("\n", "\r")) for t in texts], dtype=bool)
    table = pa.table(
        {
            "raw_text": flat,  # the original text, kept for the quarantine
            "source_file": pc.take(pa.array(names, pa.string()), parent),
            "folder_device": pc.take(pa.array([f.device_sn for f in files], pa.string()), parent),
            "row_number": pa.array(index + 1, pa.int64()),
            "last_open": pa.array((index == lengths[parent] - 1) & ends_open[parent]),
            "semicolons": pc.take(semicolons, parent),
        }
    ).filter(pa.array(index > 0))  # the header is not a punch
    table = table.filter(pc.invert(pc.equal(pc.utf8_trim_whitespace(table["raw_text"]), "")))
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
    lines = pa.table(
        {
            **columns,
            "source_file": kept["source_file"],
            "folder_device": kept["folder_device"],
            "row_number": kept["row_number"],
            "raw_text": kept["raw_text"],
        }
    )
    return ParsedLines(lines, rejected)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _blank_to_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)


def _rejected(bad: pa.Table, counts: pa.ChunkedArray, n_fields: int) -> list:
    """Lines with the wrong number of fields: a short last line of a file that ends without a
    newline was cut off in transfer (TRUNCATED_LINE); any other is BAD_FIELD_COUNT."""
    out = []
    for row, count in zip(bad.to_pylist(), counts.to_pylist(), strict=True):
        truncated = row["last_open"] and count < n_fields
        out.append(
            (
                row["source_file"],
                row["row_number"],
                "TRUNCATED_LINE" if truncated else "BAD_FIELD_COUNT",
                f"{count} fields, expected {n_fields}",
                row["raw_text"],
            )
        )
    return out
