"""Write simulated (or hand-built) sources: the two databases and the device export folder.

Shared by the demo simulator and by tests that build tiny sources by hand. Tables always come
from ``ingestion.contract`` metadata, so every engine (SQLite, PostgreSQL, MariaDB) gets exactly
the contract's columns (docs/sources.md).

Rows may be given as a list of dicts or a DataFrame; values may be Python objects
(``date``, ``datetime``, ``time``, ``Decimal`` ...), ISO strings, or numpy/pandas arrays
(``datetime64``, ``timedelta64`` for times of day).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ingestion.contract import PUNCH_FILE_COLUMNS

Rows = list[dict] | pd.DataFrame

# Rows per statement batch for non-SQLite engines: amortises round trips, bounds memory.
CHUNK_ROWS = 50_000
_HEADER = (",".join(PUNCH_FILE_COLUMNS) + "\n").encode("ascii")


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file the parent folder is created first."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(url)


def recreate_tables(engine: Engine, metadata: sa.MetaData) -> None:
    """Drop and create every table of ``metadata`` (the contract's DDL, any engine)."""
    metadata.drop_all(engine)
    metadata.create_all(engine)


def write_database(
    url: str, metadata: sa.MetaData, rows_by_table: dict[str, Rows]
) -> dict[str, int]:
    """Drop and recreate every table of `metadata` in the database at `url`, then bulk-insert the
    rows (tables not given stay empty). Returns row counts."""
    unknown = sorted(set(rows_by_table) - set(metadata.tables))
    if unknown:
        raise ValueError(f"tables not in the contract metadata: {unknown}")
    engine = create_database_engine(url)
    try:
        recreate_tables(engine, metadata)
        return {
            table.name: insert_rows(engine, table, rows_by_table.get(table.name, []))
            for table in metadata.sorted_tables
        }
    finally:
        engine.dispose()


def index_change_times(url: str, metadata: sa.MetaData) -> None:
    """An index on ``updated_at`` of every table that has one, as an operational database kept
    for incremental extraction has: ingestion then finds a day's changes from the index instead
    of reading every row (ingestion/landing.py, ``sqlite_changed_rowids``)."""
    engine = create_database_engine(url)
    try:
        with engine.begin() as conn:
            for table in metadata.sorted_tables:
                if "updated_at" in table.columns:
                    conn.exec_driver_sql(
                        f"create index if not exists ix_{table.name}_updated_at "
                        f"on {table.name} (updated_at)"
                    )
    finally:
        engine.dispose()


def insert_rows(engine: Engine, table: sa.Table, rows: Rows) -> int:
    """Append ``rows`` to an existing ``table`` in one transaction. Returns the count.

    SQLite takes pre-formatted values through the driver's ``executemany`` (the same text
    SQLAlchemy itself would store, several times faster than per-value bind processing); other
    engines go through SQLAlchemy Core in chunks, whose "insertmanyvalues" sends many rows per
    statement.
    """
    frame = _as_frame(table, rows)
    if frame.empty:
        return 0
    sqlite = engine.dialect.name == "sqlite"
    columns = [column.name for column in table.columns]
    values = [_column_values(table.c[name], frame[name], sqlite) for name in columns]
    del frame
    with engine.begin() as conn:
        if sqlite:
            _insert_sqlite(conn, table, values)
        else:
            total = len(values[0])
            for first in range(0, total, CHUNK_ROWS):
                chunk = zip(*(column[first : first + CHUNK_ROWS] for column in values), strict=True)
                records = [dict(zip(columns, row, strict=True)) for row in chunk]
                conn.execute(table.insert(), records)
    return len(values[0])


def insert_verbatim(engine: Engine, table: sa.Table, rows: list[dict]) -> int:
    """Append rows whose values reach the SQLite driver unconverted, so text stays text even in a
    DATE column (a malformed date a careless app could store). For planting defects in demo
    sources (simulator/defects.py); SQLite only: the typed columns of PostgreSQL and MariaDB
    cannot hold such values. Returns the count."""
    if engine.dialect.name != "sqlite":
        raise ValueError("verbatim rows can only be written to SQLite")
    if not rows:
        return 0
    values = [[row.get(column.name) for row in rows] for column in table.columns]
    with engine.begin() as conn:
        _insert_sqlite(conn, table, values)
    return len(rows)


def _insert_sqlite(conn: Connection, table: sa.Table, values: list[list]) -> None:
    compiled = table.insert().compile(dialect=conn.dialect)
    if list(compiled.positiontup or []) != [column.name for column in table.columns]:
        raise RuntimeError(f"unexpected parameter order for {table.name}")
    cursor = conn.connection.cursor()
    try:
        # Bulk load: a large page cache keeps the key index in memory; the file is rebuilt from
        # the seed if a crash interrupts it, so skipping fsync is safe.
        cursor.execute("PRAGMA cache_size = -262144")
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.executemany(str(compiled), zip(*values, strict=True))
    finally:
        cursor.close()


def _as_frame(table: sa.Table, rows: Rows) -> pd.DataFrame:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(list(rows))
    names = [column.name for column in table.columns]
    extra = sorted(set(frame.columns) - set(names))
    if extra:
        raise ValueError(f"{table.name}: columns not in the contract: {extra}")
    missing = [name for name in names if name not in frame.columns]
    if missing and not frame.empty:
        frame = frame.assign(**{name: None for name in missing})
    return frame.reset_index(drop=True)


def _column_values(column: sa.Column, series: pd.Series, sqlite: bool) -> list:
    """One column as a list of driver-ready Python values (None for nulls)."""
    col_type = column.type
    if isinstance(col_type, sa.DateTime):
        stamps = _datetime64(series, "us")
        return _sqlite_text(stamps, "us", 0, 26) if sqlite else _with_nulls(stamps.astype(object))
    if isinstance(col_type, sa.Date):
        days = _datetime64(series, "D")
        return _sqlite_dates(days) if sqlite else _with_nulls(days.astype(object))
    if isinstance(col_type, sa.Time):
        clock = np.datetime64("1970-01-01", "us") + _time_of_day(series)
        if sqlite:
            return _sqlite_text(clock, "us", 11, 26)
        return [None if value is None else value.time() for value in clock.astype(object)]
    if isinstance(col_type, sa.Boolean):
        if pd.api.types.is_bool_dtype(series) and not series.isna().any():
            flags = series.to_numpy(dtype=bool)
            return (flags.astype(int) if sqlite else flags).tolist()
        cast = int if sqlite else bool
        return [None if pd.isna(flag) else cast(flag) for flag in series.astype(object)]
    if isinstance(col_type, sa.Integer):
        return _numbers(series, "int64")
    if isinstance(col_type, sa.Numeric):
        numbers = pd.to_numeric(series.astype(object), errors="raise").astype("float64")
        return _numbers(numbers.round(col_type.scale or 0), "float64")
    text = series.to_numpy(dtype=object, na_value=None)
    kind = pd.api.types.infer_dtype(text, skipna=True)
    if kind not in ("string", "empty"):
        text = np.array([None if v is None else str(v) for v in text], dtype=object)
    return text.tolist()


def _datetime64(series: pd.Series, unit: str) -> np.ndarray:
    if not pd.api.types.is_datetime64_any_dtype(series):
        series = pd.to_datetime(series.astype(object), format="ISO8601")
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.to_numpy().astype(f"datetime64[{unit}]")


def _time_of_day(series: pd.Series) -> np.ndarray:
    """Times of day as ``timedelta64[us]`` since midnight (NaT for nulls)."""
    if pd.api.types.is_timedelta64_dtype(series):
        return series.to_numpy().astype("timedelta64[us]")
    as_text = [
        None if pd.isna(value) else (value.isoformat() if hasattr(value, "isoformat") else value)
        for value in series.astype(object)
    ]
    return pd.to_timedelta(pd.Series(as_text, dtype=object)).to_numpy().astype("timedelta64[us]")


def _sqlite_text(values: np.ndarray, unit: str, first: int, stop: int) -> list:
    """``datetime64`` values as the text SQLAlchemy's SQLite types store (and parse back):
    ``YYYY-MM-DD HH:MM:SS.ffffff``, or characters ``first:stop`` of it."""
    text = np.datetime_as_string(values, unit=unit)
    chars = text.view(np.uint32).reshape(len(text), -1)
    chars[:, 10] = ord(" ")  # ISO "T" -> the space SQLAlchemy writes
    width = stop - first
    result = np.ascontiguousarray(chars[:, first:stop]).view(f"U{width}").ravel().astype(object)
    result[np.isnat(values)] = None
    return result.tolist()


def _sqlite_dates(days: np.ndarray) -> list:
    """``datetime64[D]`` as ``YYYY-MM-DD`` text, formatting each distinct day once."""
    codes, uniques = pd.factorize(days.view(np.int64))
    text = np.datetime_as_string(uniques.astype("datetime64[D]"), unit="D").astype(object)
    text[np.isnat(uniques.astype("datetime64[D]"))] = None
    return text[codes].tolist()


def _with_nulls(values: np.ndarray) -> list:
    return [None if value is None or value is pd.NaT else value for value in values.tolist()]


def _numbers(series: pd.Series, dtype: str) -> list:
    if series.dtype.kind in "iuf" and not (series.dtype.kind == "f" and dtype == "int64"):
        values = series.to_numpy()
        nulls = np.isnan(values) if values.dtype.kind == "f" else None
    else:
        nulls = pd.isna(series).to_numpy()
        values = series.astype(object).where(~nulls, 0).astype(dtype).to_numpy()
    values = values.astype(dtype).tolist()
    if nulls is not None and nulls.any():
        return [None if null else value for value, null in zip(values, nulls, strict=True)]
    return values


def clear_device_files(attendance_dir: Path) -> int:
    """Remove every ``<device>/<day>.csv`` export and ``<device>/*.dat`` attendance log (and
    emptied device folders). Returns files removed. Nothing else in the folder is touched."""
    removed = 0
    if not attendance_dir.is_dir():
        return 0
    for device_dir in sorted(p for p in attendance_dir.iterdir() if p.is_dir()):
        for export in [*device_dir.glob("*.csv"), *device_dir.glob("*.dat")]:
            export.unlink()
            removed += 1
        if not any(device_dir.iterdir()):
            shutil.rmtree(device_dir)
    return removed


def write_device_files(attendance_dir: Path, punches: pd.DataFrame) -> int:
    """Write one CSV per (device_sn, local date of punch_time) with the contract header; replaces
    the folder's existing files for those device-days. Returns number of files.

    Rows are ordered by device, time, then PIN, so the bytes depend only on the punches.
    """
    missing = [name for name in PUNCH_FILE_COLUMNS if name not in punches.columns]
    if missing:
        raise ValueError(f"punches lack columns {missing}")
    if punches.empty:
        return 0
    device = punches["device_sn"].astype(str).to_numpy().astype("S")
    pin = punches["pin"].astype(str).to_numpy().astype("S")
    stamp = _datetime64(punches["punch_time"], "s")
    if np.isnat(stamp).any():
        raise ValueError("punch_time has nulls")
    clock = np.strings.replace(np.datetime_as_string(stamp, unit="s"), "T", " ", 1).astype("S19")
    mode = punches["verify_mode"].astype(str).to_numpy().astype("S")
    state = punches["punch_state"].astype("int64").astype(str).to_numpy().astype("S")
    order = np.lexsort((state, mode, pin, clock, device))
    device, pin, clock, mode, state = (a[order] for a in (device, pin, clock, mode, state))

    line = device
    for part in (pin, clock, mode, state):
        line = np.strings.add(np.strings.add(line, b","), part)
    line = np.strings.add(line, b"\n")
    # Fixed-width byte strings are NUL-padded and NUL never occurs in a line: strip it once.
    body = line.tobytes().replace(b"\x00", b"")
    ends = np.cumsum(np.strings.str_len(line))
    day = clock.astype("S10")
    boundary = np.flatnonzero((device[1:] != device[:-1]) | (day[1:] != day[:-1])) + 1
    starts = np.concatenate(([0], boundary))
    stops = np.concatenate((boundary, [len(line)]))

    made: set[Path] = set()
    for first, last in zip(starts.tolist(), stops.tolist(), strict=True):
        folder = attendance_dir / device[first].decode()
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        begin = int(ends[first - 1]) if first else 0
        (folder / f"{day[first].decode()}.csv").write_bytes(_HEADER + body[begin : ends[last - 1]])
    return len(starts)


class BackgroundWriter:
    """Ordered background I/O: one thread inserts rows into the database at ``url``, another
    writes device files, while the caller generates the next batch. ``counts`` accumulates rows
    per table plus ``punch_files``; ``settle()`` waits for everything queued so far (callers use
    it to keep at most one batch in flight)."""

    def __init__(self, url: str, metadata: sa.MetaData, counts: dict[str, int]) -> None:
        self.engine = create_database_engine(url)
        self.metadata = metadata
        self.counts = counts
        self._database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._files = ThreadPoolExecutor(max_workers=1, thread_name_prefix="file-writer")
        self._queued: list[tuple[str, Future[int]]] = []
        # The connection that created the tables is the one the writer thread keeps using.
        self._database.submit(recreate_tables, self.engine, metadata).result()

    def insert(self, table: str, rows: Rows) -> None:
        job = self._database.submit(insert_rows, self.engine, self.metadata.tables[table], rows)
        self._queued.append((table, job))

    def device_files(self, attendance_dir: Path, punches: pd.DataFrame) -> None:
        self.files("punch_files", write_device_files, attendance_dir, punches)

    def files(self, counter: str, write: Callable[..., int], *args: object) -> None:
        """Queue ``write(*args)`` (returning a count of files) on the file-writer thread."""
        self._queued.append((counter, self._files.submit(write, *args)))

    def settle(self) -> None:
        while self._queued:
            name, job = self._queued.pop(0)
            self.counts[name] = self.counts.get(name, 0) + job.result()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if exc_info[0] is None:
                self.settle()
        finally:
            for _, job in self._queued:
                job.cancel()
            self._database.shutdown(wait=True)
            self._files.shutdown(wait=True)
            self.engine.dispose()
