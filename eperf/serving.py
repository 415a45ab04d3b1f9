"""The serving copy the dashboards read: immutable releases of Parquet files, swapped atomically.

Layout under ``EPERF_SERVING_DIR``::

    releases/<release_id>/<mart>.parquet            one file per published mart, or
    releases/<release_id>/<mart>/<period>.parquet   one file per period (PERIOD_MARTS)
    releases/<release_id>/_quality/<table>.parquet  the load log and the latest check results
    releases/<release_id>/_release.json             run id, time, rule set, row counts
    CURRENT                                          the id of the release readers must use

Readers take a mart's ``read_parquet`` argument from :func:`mart_source` (the file, or the glob
of its period files). A period file whose rows are those of the previous release's (the same
fingerprint: columns, row count, sum of row hashes) is a hard link to that release's file, so a
daily run that rebuilt one month writes one month of the big marts.

A release is written completely into a new folder first; only then is ``CURRENT`` replaced with
``os.replace`` (atomic on POSIX). Readers resolve ``CURRENT`` once per query, so a run in progress
never changes what a reader sees, and readers never hold a lock on the warehouse file
(research/tech_style.md, Pitfall 1a).

Besides the marts, a release carries the warehouse's own bookkeeping the data-quality page reads
(QUALITY_TABLES: the load log and the latest result of each check suite), copied in the same
read-only pass, so that page never opens the warehouse either. A warehouse without them (before
its first load) publishes none; readers then show nothing for them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from eperf.faults import pause_point

POINTER = "CURRENT"
RELEASES = "releases"
MANIFEST = "_release.json"
KEEP_RELEASES = 3

# The marts the dashboards read, published from schema ``marts`` of the warehouse.
PUBLISHED_MARTS = (
    "dim_org_unit",
    "dim_employee",
    "dim_date",
    "fct_attendance_daily",
    "fct_employee_monthly",
    "fct_tukin_lines",
    "fct_tukin_adjustments",
    "fct_unit_monthly",
    "fct_staffing_adequacy",
    "fct_staffing_projection",
    "fct_discipline_referral",
    "rpt_rb_indicators",
    "fct_promotion_eligibility",
    "fct_integrity_flags",
    # R11-R12: outputs and budget, cost of performance, development map.
    "fct_output_realisation",
    "fct_output_realisation_unit",
    "fct_output_tukin_allocation",
    "fct_development_map",
    # R6 EJ thresholds (policy_staffing_bands of the rule set): the Beban Kerja what-if
    "dim_staffing_band",
    # The quarantine (Kualitas data page) and the months it marks (the statement's warning).
    "fct_quarantined_rows",
    "fct_marked_employee_months",
    # The period frame of every page (open or closed and paid, the work still open) and the words
    # of every code shown.
    "dim_period",
    "dim_code_label",
    # R3: each activity report's claimed and credited minutes, and the supervisors' review backlog.
    "fct_activity_reports",
    "fct_review_backlog",
    # The policy parameters in force, with their regulation: a page draws a rule's line (the R3
    # daily target and cap) from the row the engine used.
    "dim_policy_parameter",
)

# Not marts: the bookkeeping of the loads and the checks, published under QUALITY_FOLDER for the
# data-quality page. Name → (table the query reads, query). ``load_batches``: one row per source
# object per load (quality.load_batches, ingestion.batch). ``check_results``: the rows of the
# latest run of each check suite (raw.data_quality_results keeps every run; a suite whose inputs
# did not change is not re-run, so its latest rows stay its current state).
QUALITY_FOLDER = "_quality"
QUALITY_TABLES: dict[str, tuple[str, str]] = {
    "load_batches": (
        "quality.load_batches",
        "select * from quality.load_batches",
    ),
    "check_results": (
        "raw.data_quality_results",
        "select * from raw.data_quality_results "
        "qualify validated_at = max(validated_at) over (partition by suite)",
    ),
}

# The big marts with a period column, published as one file per period.
PERIOD_MARTS = (
    "fct_attendance_daily",
    "fct_tukin_lines",
    "fct_output_tukin_allocation",
    "fct_activity_reports",
    "fct_review_backlog",
)
EMPTY_FILE = "_empty.parquet"  # a period mart without rows: one file with its columns
PARQUET = "format parquet, compression zstd"  # COPY options of every published file


def current_release_dir(serving_dir: Path) -> Path | None:
    """The folder of the release readers should use, or None before the first publication."""
    pointer = serving_dir / POINTER
    try:
        release_id = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    release = serving_dir / RELEASES / release_id
    return release if release.is_dir() else None


def mart_source(release: Path, mart: str) -> str | None:
    """What ``read_parquet`` reads for ``mart`` in the release folder ``release``: its file, or
    the glob of its period files; None when the release does not hold it."""
    single = release / f"{mart}.parquet"
    if single.exists():
        return str(single)
    folder = release / mart
    if folder.is_dir() and any(folder.glob("*.parquet")):
        return str(folder / "*.parquet")
    return None


def mart_path(serving_dir: Path, mart: str) -> str | None:
    """``read_parquet`` argument of one published mart in the current release, if published."""
    release = current_release_dir(serving_dir)
    return None if release is None else mart_source(release, mart)


def quality_source(release: Path, table: str) -> str | None:
    """The file of one of QUALITY_TABLES in the release folder, or None when it holds none (a
    release published before them, or from a warehouse without them)."""
    path = release / QUALITY_FOLDER / f"{table}.parquet"
    return str(path) if path.exists() else None


def release_manifest(serving_dir: Path) -> dict | None:
    """The current release's manifest (run id, published at, row counts)."""
    release = current_release_dir(serving_dir)
    return None if release is None else _manifest_of(release)


def _manifest_of(release: Path) -> dict:
    return json.loads((release / MANIFEST).read_text(encoding="utf-8"))


def publish(
    warehouse: Path,
    serving_dir: Path,
    run_id: str,
    rule_set: str,
    marts: tuple[str, ...] = PUBLISHED_MARTS,
    quality_tables: tuple[str, ...] = tuple(QUALITY_TABLES),
) -> dict:
    """Copy the marts (and ``quality_tables`` of QUALITY_TABLES) from the warehouse into a new
    release and point ``CURRENT`` at it.

    Opens the warehouse read-only; the caller must not hold a write connection to it.
    """
    published_at = datetime.now(UTC)
    previous = current_release_dir(serving_dir)
    previous_prints = _manifest_of(previous).get("period_fingerprints", {}) if previous else {}
    release_id = f"{published_at:%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"
    releases = serving_dir / RELEASES
    staging = releases / f".{release_id}.tmp"
    staging.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(releases, keep=staging)
    row_counts: dict[str, int] = {}
    fingerprints: dict[str, dict[str, str]] = {}
    periods_linked: dict[str, int] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for index, mart in enumerate(marts):
            if index == len(marts) // 2:
                pause_point("publish")  # crash tests: half the files written, CURRENT unmoved
            if mart in PERIOD_MARTS:
                row_counts[mart], fingerprints[mart], periods_linked[mart] = _publish_by_period(
                    con,
                    mart,
                    staging / mart,
                    previous / mart if previous else None,
                    previous_prints.get(mart, {}),
                )
                continue
            target = staging / f"{mart}.parquet"
            # COPY returns the number of rows it wrote: no second scan to count them.
            row_counts[mart] = con.execute(
                f"copy (select * from marts.{mart}) to '{target}' ({PARQUET})"
            ).fetchone()[0]
        source_row_counts = dict(
            con.execute(
                "select table_name, estimated_size from duckdb_tables() "
                "where schema_name = 'raw' order by table_name"
            ).fetchall()
        )
        quality_row_counts = _publish_quality(con, staging / QUALITY_FOLDER, quality_tables)
    manifest = {
        "release_id": release_id,
        "run_id": run_id,
        "rule_set": rule_set,
        "published_at": published_at.isoformat(),
        "row_counts": row_counts,
        "source_row_counts": source_row_counts,
        "quality_row_counts": quality_row_counts,
        "period_fingerprints": fingerprints,
        "periods_linked": periods_linked,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    _fsync_folder_files(staging)  # on disk before anything points at them (power loss)
    final = releases / release_id
    os.replace(staging, final)
    _fsync(releases)
    tmp_pointer = serving_dir / f".{POINTER}.tmp"
    tmp_pointer.write_text(release_id, encoding="utf-8")
    _fsync(tmp_pointer)
    os.replace(tmp_pointer, serving_dir / POINTER)
    _fsync(serving_dir)
    _prune(releases, keep=release_id)
    return manifest


def _publish_quality(
    con: duckdb.DuckDBPyConnection, folder: Path, tables: tuple[str, ...]
) -> dict[str, int]:
    """Write each of ``tables`` (QUALITY_TABLES) the warehouse holds as ``folder/<name>.parquet``;
    returns the rows of each one written."""
    present = {
        f"{schema}.{name}"
        for schema, name in con.execute(
            "select schema_name, table_name from duckdb_tables()"
        ).fetchall()
    }
    counts: dict[str, int] = {}
    for name in tables:
        table, query = QUALITY_TABLES[name]
        if table not in present:
            continue
        folder.mkdir(exist_ok=True)
        target = folder / f"{name}.parquet"
        counts[name] = con.execute(f"copy ({query}) to '{target}' ({PARQUET})").fetchone()[0]
    return counts


def _publish_by_period(
    con: duckdb.DuckDBPyConnection,
    mart: str,
    folder: Path,
    previous: Path | None,
    previous_prints: dict[str, str],
) -> tuple[int, dict[str, str], int]:
    """Write ``mart`` as ``folder/<period>.parquet``, linking each period whose fingerprint is
    the previous release's to that release's file. Returns rows, fingerprints, periods linked."""
    folder.mkdir()
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()
    schema = hashlib.sha256(
        ", ".join(f"{name} {kind}" for name, kind in columns).encode()
    ).hexdigest()[:16]
    # A row's hash is hash() of its columns, not of the row as one struct: the same bits of every
    # column, without building a struct per row (4.8 s to 2.8 s over a ministry-year's 21.6
    # million activity reports). The sum (not xor) of the row hashes, so two equal rows do not
    # cancel out.
    row = ", ".join('"' + name.replace('"', '""') + '"' for name, _ in columns)
    counts = con.execute(
        f"select period, count(*), cast(sum(hash({row})) as varchar) "
        f"from marts.{mart} group by period order by period"
    ).fetchall()
    prints, rows, linked, to_write = {}, 0, 0, []
    for period, count, hash_sum in counts:
        if period is None or not re.fullmatch(r"\d{4}-\d{2}", period):
            raise ValueError(f"marts.{mart}: period {period!r} is not YYYY-MM")
        prints[period] = f"{schema}:{count}:{hash_sum}"
        rows += count
        target, earlier = folder / f"{period}.parquet", previous and previous / f"{period}.parquet"
        if previous_prints.get(period) == prints[period] and earlier and earlier.exists():
            try:
                os.link(earlier, target)
            except OSError:  # another file system: a copy of the same bytes
                shutil.copyfile(earlier, target)
            linked += 1
        else:
            to_write.append(period)
    _write_periods(con, mart, folder, to_write)
    if not counts:
        con.execute(
            f"copy (select * from marts.{mart} limit 0) to '{folder / EMPTY_FILE}' ({PARQUET})"
        )
    return rows, prints, linked


def _write_periods(
    con: duckdb.DuckDBPyConnection, mart: str, folder: Path, periods: list[str]
) -> None:
    """Write ``folder/<period>.parquet`` for each of ``periods``: several in one pass over the
    mart (a partitioned COPY, then each partition's file renamed), one with a filtered COPY."""
    written = set()
    if len(periods) > 1:
        parts = folder / ".partitioned"
        listed = ", ".join(f"'{p}'" for p in periods)  # checked YYYY-MM texts
        con.execute(
            f"copy (select * from marts.{mart} where period in ({listed})) to '{parts}' "
            f"({PARQUET}, partition_by (period), write_partition_columns true)"
        )
        for period in periods:
            files = list((parts / f"period={period}").glob("*.parquet"))
            # several files when DuckDB closed the partition's file (more partitions than
            # partitioned_write_max_open_files, 100): that period is written alone below
            if len(files) == 1:
                files[0].rename(folder / f"{period}.parquet")
                written.add(period)
        shutil.rmtree(parts)
    for period in (p for p in periods if p not in written):
        con.execute(
            f"copy (select * from marts.{mart} where period = '{period}') "
            f"to '{folder / f'{period}.parquet'}' ({PARQUET})"
        )


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder_files(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            _fsync_folder_files(path)
        else:
            _fsync(path)
    _fsync(folder)


def _remove_abandoned_staging(releases: Path, keep: Path) -> None:
    """Delete the half-written staging folders of publications that were killed (runs hold the
    run lock, eperf.run_lock, so no other publication is in progress)."""
    for leftover in releases.glob(".*.tmp"):
        if leftover != keep and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _prune(releases: Path, keep: str) -> None:
    """Delete old releases, keeping the newest few so a reader mid-query still finds its files."""
    finished = sorted(p for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in finished[:-KEEP_RELEASES]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
