"""The read floors of ingestion: the least a load of the same sources can cost.

* App scan: DuckDB's scanner, attached as ingestion attaches it (ingestion/landing.py), copies
  every contract table of the SIMPEG and app databases into a scratch in-memory DuckDB with
  ``create table … as select *``: no cast, row contract, quarantine, hash or merge.
* Device parse: every device export file's bytes, joined per format (and CSV separator), parsed
  by pyarrow's CSV reader in one call per group, every column as text: no Python per line, no
  validation, no PIN resolution.

Each counts what the ingest counts as read from those sources (its ``rows_in``): the databases'
rows, the files' punch lines (headers and blank lines are not lines), so the ingest's seconds
over the floors' compare the same rows.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from eperf.config import Settings
from ingestion import landing
from ingestion.contract import ATTLOG_MIN_FIELDS, DATABASE_SOURCES, PUNCH_FILE_COLUMNS
from ingestion.device_files import ATTLOG, CSV, export_kind
from ingestion.limits import bound_memory

BOM = b"\xef\xbb\xbf"
# Devices end lines with LF, CRLF or a lone CR (ingestion/device_files.py).
FIRST_LINE = re.compile(rb"\r\n|\r|\n")


def copy_databases(settings: Settings) -> tuple[int, dict]:
    """Copy every contract table the two source databases hold; (rows copied, rows per
    source)."""
    urls = {"simpeg": settings.simpeg_url, "app": settings.app_url}
    with duckdb.connect() as con:
        bound_memory(con, settings)  # the same memory and settings as the ingest
        copied = {source: _copy_database(con, source, urls[source]) for source in DATABASE_SOURCES}
    return sum(copied.values()), {"rows": copied}


def _copy_database(con: duckdb.DuckDBPyConnection, source: str, url: str) -> int:
    if not landing.attach_source(con, url):
        raise RuntimeError(f"no DuckDB scanner reads the {source} database: its floor needs one")
    try:
        held = {
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() where database_name = ?",
                [landing.ATTACHED],
            ).fetchall()
        }
        rows = 0
        for table in DATABASE_SOURCES[source].sorted_tables:
            if table.name not in held:  # an optional table the source does not have
                continue
            copy = f"{source}__{table.name}"
            con.execute(f'create table {copy} as select * from {landing.ATTACHED}."{table.name}"')
            rows += con.execute(f"select count(*) from {copy}").fetchone()[0]
    finally:
        landing.detach_source(con)
    return rows


def parse_device_files(attendance_dir: Path) -> tuple[int, dict]:
    """Parse every export file in the folder; (punch lines, files and lines per format)."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[bytes]] = {}
    files = dict.fromkeys((CSV, ATTLOG), 0)
    for path in sorted(attendance_dir.glob("*/*")):
        kind = export_kind(path.name)
        if not (kind and path.is_file()):
            continue
        files[kind] += 1
        data = path.read_bytes().removeprefix(BOM)
        first, *rest = FIRST_LINE.split(data, maxsplit=1)
        if kind == CSV:  # a header, split on the separator it uses
            data = rest[0] if rest else b""
            separator = ";" if first.count(b";") > first.count(b",") else ","
            key = (CSV, separator, PUNCH_FILE_COLUMNS)
        else:  # no header; the fields of the first line (reserved ones vary by firmware)
            fields = max(first.count(b"\t") + 1, ATTLOG_MIN_FIELDS)
            key = (ATTLOG, "\t", tuple(f"field_{i}" for i in range(fields)))
        groups.setdefault(key, []).append(data if data.endswith((b"\n", b"\r")) else data + b"\n")
    lines = dict.fromkeys((CSV, ATTLOG), 0)
    for (kind, separator, names), parts in groups.items():
        lines[kind] += _parse(b"".join(parts), separator, names)
    return sum(lines.values()), {"files": files, "lines": lines}


def _parse(data: bytes, separator: str, names: tuple[str, ...]) -> int:
    """Lines of ``data`` parsed as text columns ``names``; a line with another count of fields
    (one ingestion quarantines) is counted, not parsed."""
    skipped = 0

    def skip(_row: pacsv.InvalidRow) -> str:
        nonlocal skipped
        skipped += 1
        return "skip"

    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=list(names)),
        # As ingestion splits: on the separator alone, no quoting.
        parse_options=pacsv.ParseOptions(
            delimiter=separator, quote_char=False, invalid_row_handler=skip
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), check_utf8=False
        ),
    )
    return table.num_rows + skipped


def in_child(floor: str, workdir: Path) -> tuple[int, dict]:
    """Run a floor (``app_scan`` or ``device_parse``) on the bench folder ``workdir`` in a
    Python process of its own and return its figures. A floor holds a year's rows in pyarrow's
    or DuckDB's memory pool, which keeps gigabytes after the floor ends: run in the bench's
    process they were counted in the next stage's peak (the transform's 4.9 GB read 7.4 GB
    after the device parse)."""
    done = subprocess.run(
        [sys.executable, "-m", "eperf.bench.floor", floor, str(workdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"floor {floor} failed:\n{done.stderr[-4000:]}")
    rows, detail = json.loads(done.stdout.strip().splitlines()[-1])
    return rows, detail


def _main(floor: str, workdir: str) -> None:
    settings = Settings.from_env().located_at(Path(workdir))
    if floor == "app_scan":
        figures = copy_databases(settings)
    else:
        figures = parse_device_files(settings.attendance_dir)
    print(json.dumps(figures))


if __name__ == "__main__":
    _main(*sys.argv[1:3])
