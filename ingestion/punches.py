"""Load the attendance punches into ``raw.attendance__punch``, quarantining invalid lines.

Incremental by file: ``raw.attendance__file_manifest`` remembers each file's checksum. A file is
(re)processed when it is new, when its bytes changed (a device re-sent the day: the new file
replaces that device-day's punches and rejects), when the enrolment of its device changed
(``device_user``: its PINs may now stand for other employees), or when some of its lines were
rejected for a reference that may since have arrived (``UNKNOWN_PIN``, ``UNREGISTERED_DEVICE``).
An unchanged file is skipped, so running twice changes nothing.

A PIN is resolved to an employee (SOURCES.md, ``device_user``): through the enrolment row of its
device whose validity covers the punch's local date (an id re-used later belongs to each
employee in turn), else, when the PIN is itself the NIP of an employee, as that NIP.

Validation order (the first failing rule names the reason): the device (folder and row) must be
registered, the timestamp must parse and not lie in the future, the PIN must resolve to an
employee, the verify mode must be a contract code, and a CSV line repeating a (device, PIN, time)
already seen is a duplicate. ZKTeco logs overlap by design (each download repeats the machine's
log), so an ATTLOG line repeating a punch already held is *merged*: one punch, kept with the file
that first brought it; a later download never removes it. Rows in = rows loaded + rows merged +
rows quarantined, for every batch.

Grain of ``raw.attendance__punch``: one row per accepted punch: a line of the current version of a
CSV file, or the first line of a log that brought a (device, PIN, time).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from eperf.config import Settings
from eperf.faults import pause_point
from eperf.transaction import transaction
from ingestion import retry
from ingestion.batch import Batch, LoadReport, record_batch
from ingestion.contract import APP, PUNCH_TIME_FORMAT, SIMPEG, VERIFY_MODES
from ingestion.database import create_missing_raw_table, is_empty
from ingestion.device_files import ATTLOG, DeviceFile, list_device_files, parse_files
from ingestion.limits import bound_memory
from ingestion.quarantine import COLUMNS, HARMLESS_REASONS, ensure_quarantine

SOURCE = "attendance"
OBJECT = "device_export"
TARGET = "raw.attendance__punch"
MANIFEST = "raw.attendance__file_manifest"
# A load's checked slices, until one transaction moves them into the punches and the quarantine.
STAGED = "raw._attendance__punch_staged"
STAGED_QUARANTINE = "raw._attendance__quarantine_staged"
# Per file and slice: lines merged into a punch already held, and the days its punches cover.
STAGED_FILES = "raw._attendance__file_staged"
REFERENCE_REASONS = ("UNKNOWN_PIN", "UNREGISTERED_DEVICE")
# A device clock may run a little ahead; only punches beyond this are FUTURE_TIMESTAMP. Device
# time is local (up to UTC+9), so compare against UTC now + 9 h + tolerance.
FUTURE_TOLERANCE = "interval 9 hour + interval 10 minute"

DDL = f"""
create table if not exists {TARGET} (
    device_sn varchar, pin varchar, punch_time timestamp, verify_mode varchar,
    punch_state varchar, _source varchar, _source_file varchar, _row_number bigint,
    _batch_id varchar, _ingested_at timestamp
);
create table if not exists {MANIFEST} (
    source_file varchar primary key, device_sn varchar, file_date date, sha256 varchar,
    rows_in bigint, rows_loaded bigint, rows_quarantined bigint,
    batch_id varchar, ingested_at timestamp, file_size bigint, file_mtime_ns bigint
);
-- manifests written before file size and time were recorded
alter table {MANIFEST} add column if not exists file_size bigint;
alter table {MANIFEST} add column if not exists file_mtime_ns bigint;
-- warehouses made before ZKTeco logs and device enrolment were read: the resolved employee
-- (until then every PIN was a NIP), lines merged into a punch already held, the days a file
-- covers and its format
alter table {TARGET} add column if not exists nip varchar;
update {TARGET} set nip = pin where nip is null;
alter table {MANIFEST} add column if not exists rows_merged bigint;
alter table {MANIFEST} add column if not exists first_day date;
alter table {MANIFEST} add column if not exists last_day date;
alter table {MANIFEST} add column if not exists file_kind varchar;
"""
# A line's device time as read, null when it does not parse (BAD_TIMESTAMP).
PUNCH_TS = f"try_strptime(punch_time, '{PUNCH_TIME_FORMAT}')"
# A file's day from its name (CSV), for rejected lines whose own time does not read.
FILE_DAY = r"try_strptime(regexp_extract(source_file, '(\d{4}-\d{2}-\d{2})\.csv$', 1), '%Y-%m-%d')"


def load_punches(
    con: duckdb.DuckDBPyConnection,
    attendance_dir: Path,
    batch: Batch,
    days: tuple[date, date] | None = None,
    settings: Settings | None = None,
) -> LoadReport:
    """Load new and changed export files. Needs the raw employees, devices and enrolment (PIN
    and device checks), so it runs after the two databases are ingested. ``days`` = [first, end)
    limits the CSV files to those of those days (a daily partition); a new or changed ZKTeco log
    is loaded whatever its days (it may hold any). None loads every file. A missing or
    unreadable folder raises :class:`ingestion.retry.SourceUnavailable` after the configured
    retries."""
    settings = settings or Settings.from_env()
    retry.check_folder(attendance_dir, SOURCE, retry.Backoff.from_env(settings))
    bound_memory(con, settings)
    ensure_quarantine(con)
    for table in (
        SIMPEG.tables["employee"],
        APP.tables["attendance_device"],
        APP.tables["device_user"],
    ):
        create_missing_raw_table(con, table)
    con.execute(DDL)
    report = LoadReport(source=SOURCE, batch_id=batch.batch_id)
    files = list_device_files(attendance_dir, _known_files(con))
    if days is not None:
        first, end = days[0].isoformat(), days[1].isoformat()
        files = [f for f in files if f.kind == ATTLOG or first <= f.file_date < end]
    todo = files_to_process(con, files, attendance_dir)
    todo = sorted(todo, key=lambda f: _name(f, attendance_dir))
    if todo:
        rows_in, loaded, merged, quarantined = _load_files(
            con, todo, files, attendance_dir, batch, settings
        )
    else:  # nothing new: only the files' sizes and times are recorded
        rows_in = loaded = merged = quarantined = 0
        with transaction(con):
            _refresh_file_stats(con, files, attendance_dir)
    report.add(OBJECT, rows_in, loaded, quarantined, merged)
    report.rows_in["files"] = len(files)
    report.rows_in["files_processed"] = len(todo)
    record_batch(con, report, batch)
    return report


def _load_files(
    con: duckdb.DuckDBPyConnection,
    todo: list[DeviceFile],
    files: list[DeviceFile],
    attendance_dir: Path,
    batch: Batch,
    settings: Settings,
) -> tuple[int, int, int]:
    """Replace the punches and rejects of the ``todo`` files with what they hold now (``files``:
    every listed file, whose sizes and times are recorded); (lines read, loaded, merged,
    quarantined).

    One transaction replaces the files' punches and rejects: a crash before its commit leaves
    the warehouse as it was (the staging tables are made anew by the next load)."""
    names = [_name(f, attendance_dir) for f in todo]
    con.execute("create or replace temp table _files as select unnest(?::varchar[]) as f", [names])
    _create_staging(con)
    try:
        counts = _stage_files(con, todo, attendance_dir, batch, settings)
        _date_file_rejects(con)
        with transaction(con):
            _forget_files(con)
            _move_staged_punches(con)
            con.execute(f"insert into raw.quarantine select * from {STAGED_QUARANTINE}")
            pause_point("ingest")  # crash tests: old punches deleted, new ones not committed
            _record_manifest(con, todo, attendance_dir, batch)
            _refresh_file_stats(con, files, attendance_dir)
    finally:
        _drop_staging(con)
    return counts


def _stage_files(
    con: duckdb.DuckDBPyConnection,
    todo: list[DeviceFile],
    attendance_dir: Path,
    batch: Batch,
    settings: Settings,
) -> tuple[int, int, int, int]:
    """Split and check the files into the staging tables; (lines read, loaded, merged,
    quarantined).

    Files go in name order, a slice at a time, each slice committed to the staging tables: a
    ministry-year is 17 million lines, too many to split and check at once, and rows added in
    one long transaction stay in memory until it commits (7.7 GB for a year, against 2.0 GB
    this way). A line repeating one of an earlier slice is found in the staging table, so the
    result is the same as one pass over all files."""
    rows_in = loaded = merged = quarantined = 0
    for files in slices(todo, settings):
        with transaction(con):
            parsed = parse_files(files, attendance_dir)
            _insert_split_rejects(con, parsed.rejected, batch)
            slice_loaded, slice_merged, slice_quarantined = _validate_and_insert(
                con, parsed.lines, batch
            )
        rows_in += parsed.lines.num_rows + len(parsed.rejected)
        loaded += slice_loaded
        merged += slice_merged
        quarantined += slice_quarantined + len(parsed.rejected)
    return rows_in, loaded, merged, quarantined


def slices(files: list[DeviceFile], settings: Settings) -> list[list[DeviceFile]]:
    """Consecutive runs of ``files`` parsed and checked together: at most
    ``EPERF_PUNCH_FILES_PER_SLICE`` files (default 1,000: about 650 lines each for a
    40,000-person ministry) and ``EPERF_PUNCH_BYTES_PER_SLICE`` bytes (default 24 MB, about the
    650,000 lines of 1,000 CSV device-days: a ZKTeco log holds many days, a month of a busy
    machine is a few MB, so 1,000 logs would not fit in the memory limit). A larger file is a
    slice of its own."""
    most_files, most_bytes = settings.punch_files_per_slice, settings.punch_bytes_per_slice
    out: list[list[DeviceFile]] = []
    size = 0
    for f in files:
        if not out or len(out[-1]) >= most_files or size + (f.size or 0) > most_bytes:
            out.append([])
            size = 0
        out[-1].append(f)
        size += f.size or 0
    return out


def _known_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str]]:
    """Size, modification time and checksum of every file recorded in the manifest."""
    rows = con.execute(
        f"select source_file, file_size, file_mtime_ns, sha256 from {MANIFEST} "
        "where file_size is not null and file_mtime_ns is not null"
    ).fetchall()
    return {name: (size, mtime, sha) for name, size, mtime, sha in rows}


def _name(device_file: DeviceFile, attendance_dir: Path) -> str:
    return device_file.path.relative_to(attendance_dir).as_posix()


def files_to_process(
    con: duckdb.DuckDBPyConnection, files: list[DeviceFile], attendance_dir: Path
) -> list[DeviceFile]:
    """New or changed files; every file of a device whose enrolment changed since the file was
    processed (its PINs may now stand for other employees); files with lines rejected for a
    missing employee or device when employees or devices have changed since; and, after a
    changed ZKTeco log, the device's later logs (lines they merged into its punches must be
    held again if it no longer brings them)."""
    known = dict(con.execute(f"select source_file, sha256 from {MANIFEST}").fetchall())
    placeholders = ", ".join("?" for _ in REFERENCE_REASONS)
    again = {
        row[0]
        for row in con.execute(
            f"""
            select m.source_file
            from {MANIFEST} m
            where m.device_sn in (
                select device_sn from raw.app__device_user u where u._ingested_at > m.ingested_at)
            union
            select distinct q.source_object
            from raw.quarantine q
            inner join {MANIFEST} m on m.source_file = q.source_object
            where q.source = ? and q.reason in ({placeholders})
              and (exists (select 1 from raw.simpeg__employee e
                           where e._ingested_at > m.ingested_at)
                   or exists (select 1 from raw.app__attendance_device d
                              where d._ingested_at > m.ingested_at))
            """,
            [SOURCE, *REFERENCE_REASONS],
        ).fetchall()
    }
    changed_logs: dict[str, str] = {}
    for f in files:
        name = _name(f, attendance_dir)
        if f.kind == ATTLOG and name in known and known[name] != f.sha256:
            changed_logs[f.device_sn] = min(changed_logs.get(f.device_sn, name), name)
    return [
        f
        for f in files
        if known.get(_name(f, attendance_dir)) != f.sha256
        or _name(f, attendance_dir) in again
        or (f.kind == ATTLOG and _name(f, attendance_dir) > changed_logs.get(f.device_sn, "~"))
    ]


def _create_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Empty staging tables shaped like the punches and the quarantine (in the warehouse file,
    not in memory)."""
    con.execute(f"create or replace table {STAGED} as select * from {TARGET} limit 0")
    con.execute(
        f"create or replace table {STAGED_QUARANTINE} as select * from raw.quarantine limit 0"
    )
    con.execute(
        f"create or replace table {STAGED_FILES} "
        "(source_file varchar, merged bigint, first_day date, last_day date)"
    )


def _move_staged_punches(con: duckdb.DuckDBPyConnection) -> None:
    """The staged punches become the stored ones: into an empty punch table (a first load) by
    renaming the staging table, which is shaped like it (a ministry-year's 17 million punches
    were copied, 9 s); otherwise appended."""
    if not is_empty(con, TARGET):
        con.execute(f"insert into {TARGET} select * from {STAGED}")
        return
    con.execute(f"drop table {TARGET}")
    con.execute(f"alter table {STAGED} rename to {TARGET.split('.')[1]}")


def _drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    for table in (STAGED, STAGED_QUARANTINE, STAGED_FILES):
        con.execute(f"drop table if exists {table}")


def _date_file_rejects(con: duckdb.DuckDBPyConnection) -> None:
    """A rejected line whose own day does not read (a cut-off log line) is dated by the days its
    file's punches cover, so the device-days it may have changed are known."""
    con.execute(
        f"""
        update {STAGED_QUARANTINE} q set first_date = f.first_day, last_date = f.last_day
        from (
            select source_file, min(first_day) as first_day, max(last_day) as last_day
            from {STAGED_FILES} group by 1
        ) f
        where q.source_object = f.source_file and q.first_date is null and q.scope_kind is not null
        """
    )


def _forget_files(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the stored punches and rejects of the files being (re)processed (temp ``_files``)."""
    con.execute(f"delete from {TARGET} where _source_file in (select f from _files)")
    con.execute(
        "delete from raw.quarantine where source = ? and source_object in (select f from _files)",
        [SOURCE],
    )


def _record_manifest(
    con: duckdb.DuckDBPyConnection, files: list[DeviceFile], attendance_dir: Path, batch: Batch
) -> None:
    """Remember each processed file's checksum and its row counts."""
    if not files:
        return
    meta = pa.table(
        {
            "source_file": [_name(f, attendance_dir) for f in files],
            "device_sn": [f.device_sn for f in files],
            "file_date": [f.file_date for f in files],
            "sha256": [f.sha256 for f in files],
            "file_size": pa.array([f.size for f in files], pa.int64()),
            "file_mtime_ns": pa.array([f.mtime_ns for f in files], pa.int64()),
            "file_kind": [f.kind for f in files],
        }
    )
    con.register("_file_meta", meta)
    con.execute(
        f"""
        insert or replace into {MANIFEST} (
            source_file, device_sn, file_date, sha256, rows_in, rows_loaded, rows_quarantined,
            batch_id, ingested_at, file_size, file_mtime_ns, rows_merged, first_day, last_day,
            file_kind
        )
        select m.source_file, m.device_sn, cast(m.file_date as date), m.sha256,
            coalesce(p.n, 0) + coalesce(g.merged, 0) + coalesce(q.n, 0), coalesce(p.n, 0),
            coalesce(q.n, 0), ?, ?, m.file_size, m.file_mtime_ns, coalesce(g.merged, 0),
            g.first_day, g.last_day, m.file_kind
        from _file_meta m
        left join (
            select source_file, sum(merged) as merged, min(first_day) as first_day,
                max(last_day) as last_day
            from {STAGED_FILES} group by 1
        ) g on g.source_file = m.source_file
        left join (
            select _source_file, count(*) as n from {TARGET}
            where _source_file in (select source_file from _file_meta) group by 1
        ) p on p._source_file = m.source_file
        left join (
            select source_object, count(*) as n from raw.quarantine
            where source = '{SOURCE}' and source_object in (select source_file from _file_meta)
            group by 1
        ) q on q.source_object = m.source_file
        """,
        [batch.batch_id, batch.ingested_at],
    )
    con.unregister("_file_meta")


def _refresh_file_stats(
    con: duckdb.DuckDBPyConnection, files: list[DeviceFile], attendance_dir: Path
) -> None:
    """Record the size and time of files whose bytes are unchanged but whose stat is new (a
    manifest from before stats were kept, or a file rewritten with the same bytes), so the next
    run need not read them."""
    stats = pa.table(
        {
            "source_file": [_name(f, attendance_dir) for f in files],
            "sha256": [f.sha256 for f in files],
            "file_size": pa.array([f.size for f in files], pa.int64()),
            "file_mtime_ns": pa.array([f.mtime_ns for f in files], pa.int64()),
        }
    )
    con.register("_file_stats", stats)
    con.execute(
        f"""
        update {MANIFEST} m set file_size = s.file_size, file_mtime_ns = s.file_mtime_ns
        from _file_stats s
        where m.source_file = s.source_file and m.sha256 = s.sha256
          and (m.file_size is distinct from s.file_size
               or m.file_mtime_ns is distinct from s.file_mtime_ns)
        """
    )
    con.unregister("_file_stats")


def _insert_split_rejects(con: duckdb.DuckDBPyConnection, rejected: list, batch: Batch) -> None:
    """Lines that did not split into their format's fields: the device's, on the file's day or
    (a log line) the day the line's text starts with, if any."""
    if not rejected:
        return
    con.register(
        "_split_rejects",
        pa.table(
            {
                name: [row[i] for row in rejected]
                for i, name in enumerate(
                    ("source_file", "row_number", "reason", "detail", "raw_text")
                )
            }
        ),
    )
    con.execute(
        f"""
        insert into {STAGED_QUARANTINE} ({COLUMNS})
        select ?, ?, source_file, row_number, reason, detail, raw_text, ?, null, 'device',
            split_part(source_file, '/', 1), day, day
        from (
            select *, cast(coalesce(
                {FILE_DAY},
                try_strptime(regexp_extract(raw_text, '\t\s*(\d{{4}}-\d{{2}}-\d{{2}})', 1),
                             '%Y-%m-%d')) as date) as day
            from _split_rejects
        )
        """,
        [batch.batch_id, SOURCE, batch.ingested_at],
    )
    con.unregister("_split_rejects")


def _validate_and_insert(
    con: duckdb.DuckDBPyConnection, lines: pa.Table, batch: Batch
) -> tuple[int, int, int]:
    """Check one slice's parsed lines; stage the accepted punches and the rejected lines;
    (loaded, merged, quarantined)."""
    con.register("_lines", lines)
    modes = ", ".join(f"'{m}'" for m in VERIFY_MODES)
    harmless = ", ".join(f"'{r}'" for r in HARMLESS_REASONS)
    # A line can repeat only a stored punch of the same time, so the punches compared with are
    # those between the slice's first and last parsed times: as constants, DuckDB skips the row
    # groups of other days (a daily run's slice holds every device, and a year holds 17 million
    # punches of them). With no parsed time nothing is compared (both bounds null).
    first, last = con.execute(f"select min({PUNCH_TS}), max({PUNCH_TS}) from _lines").fetchone()
    con.execute(
        f"""
        create or replace temp table _punch_checked as
        with lines as (
            select l.*, {PUNCH_TS} as punch_ts,
                regexp_matches(l.source_file, '\.dat$', 'i') as is_log
            from _lines l
        ),
        -- the employee a PIN stands for on its device that day (SOURCES.md, device_user); with
        -- overlapping enrolments (a defect the checks report) the latest one. Read from _lines
        -- itself: a CTE read twice is copied whole with every line's text.
        enrolled as (
            select l.source_file, l.row_number, max_by(u.nip, u.valid_from) as nip
            from _lines l
            inner join raw.app__device_user u
                on u.device_sn = l.folder_device and u.device_pin = l.pin
                and cast({PUNCH_TS} as date)
                    between u.valid_from and coalesce(u.valid_to, date '9999-12-31')
            group by all
        ),
        -- punches already stored (other files) or staged (earlier slices) of this slice's
        -- devices only: comparing against every stored punch of a year does not fit in the
        -- memory limit. The stored punches of files being reprocessed are being replaced.
        slice_devices as (select distinct device_sn from _lines),
        seen as (
            select p.device_sn, p.pin, p.punch_time
            from {TARGET} p
            where p.punch_time between $first and $last
              and p.device_sn in (select device_sn from slice_devices)
              and p._source_file not in (select f from _files)
            union
            select p.device_sn, p.pin, p.punch_time
            from {STAGED} p
            where p.punch_time between $first and $last
              and p.device_sn in (select device_sn from slice_devices)
        ),
        -- the first line (file, then line number) of each punch the slice holds more than once:
        -- grouped on the few repeated keys, not a window sorting every line with its text
        repeats as (
            select device_sn, pin, punch_ts,
                min({{'f': source_file, 'n': row_number}}) as first_line
            from (
                select device_sn, pin, {PUNCH_TS} as punch_ts,
                    source_file, row_number
                from _lines
            )
            group by all
            having count(*) > 1
        ),
        ranked as (
            select l.*,
                -- the device and the employee are looked up as sets (small hash tables), not
                -- joined with every line's text
                coalesce(
                    l.folder_device in (select device_sn from raw.app__attendance_device), false
                ) as device_known,
                coalesce(
                    en.nip,
                    case when l.pin in (select nip from raw.simpeg__employee) then l.pin end
                ) as nip,
                coalesce(r.first_line <> {{'f': l.source_file, 'n': l.row_number}}, false)
                    or s.device_sn is not null as repeated
            from lines l
            left join enrolled en using (source_file, row_number)
            left join repeats r
                on r.device_sn is not distinct from l.device_sn
                and r.pin is not distinct from l.pin
                and r.punch_ts is not distinct from l.punch_ts
            left join seen s
                on s.device_sn = l.device_sn and s.pin = l.pin and s.punch_time = l.punch_ts
        )
        select *,
            -- a log line repeating a punch held (or a line of an earlier log) is that punch
            is_log and repeated and punch_ts is not null as merged,
            case
                when is_log and repeated and punch_ts is not null then null
                when not device_known or device_sn is distinct from folder_device
                    then 'UNREGISTERED_DEVICE'
                when punch_ts is null then 'BAD_TIMESTAMP'
                when punch_ts > cast($now as timestamp) + {FUTURE_TOLERANCE}
                    then 'FUTURE_TIMESTAMP'
                when nip is null then 'UNKNOWN_PIN'
                when verify_mode is null or upper(verify_mode) not in ({modes}) then 'BAD_ENUM'
                when repeated then 'DUPLICATE'
            end as reason
        from ranked
        """,
        {"first": first, "last": last, "now": batch.ingested_at},
    )
    con.unregister("_lines")
    con.execute(
        f"""
        insert into {STAGED_QUARANTINE} ({COLUMNS})
        select ?, ?, source_file, row_number, reason, null, raw_text, ?, null,
            case when reason in ({harmless}) then null
                 when nip is not null then 'nip' else 'device' end,
            case when reason in ({harmless}) then null else coalesce(nip, folder_device) end,
            day, day
        from (
            select *, cast(coalesce(punch_ts, {FILE_DAY},
                try_strptime(left(punch_time, 10), '%Y-%m-%d')) as date) as day
            from _punch_checked where reason is not null
        )
        """,
        [batch.batch_id, SOURCE, batch.ingested_at],
    )
    con.execute(
        f"""
        insert into {STAGED} (
            device_sn, pin, punch_time, verify_mode, punch_state, _source, _source_file,
            _row_number, _batch_id, _ingested_at, nip
        )
        select device_sn, pin, punch_ts, upper(verify_mode), punch_state, ?, source_file,
            row_number, ?, ?, nip
        from _punch_checked where reason is null and not merged
        """,
        [SOURCE, batch.batch_id, batch.ingested_at],
    )
    con.execute(
        f"""
        insert into {STAGED_FILES}
        select source_file, count(*) filter (where merged),
            cast(min(punch_ts) filter (where reason is null) as date),
            cast(max(punch_ts) filter (where reason is null) as date)
        from _punch_checked group by 1
        """
    )
    loaded, merged, quarantined = con.execute(
        "select count(*) filter (where reason is null and not merged), count(*) filter (where "
        "merged), count(*) filter (where reason is not null) from _punch_checked"
    ).fetchone()
    return loaded, merged, quarantined
