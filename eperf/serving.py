"""The serving copy the dashboards read: immutable releases of Parquet files, swapped atomically.

Layout under ``EPERF_SERVING_DIR``::

    releases/<release_id>/<mart>.parquet   one file per published mart
    releases/<release_id>/_release.json    run id, time, rule set, row counts
    CURRENT                                 the id of the release readers must use

A release is written completely into a new folder first; only then is ``CURRENT`` replaced with
``os.replace`` (atomic on POSIX). Readers resolve ``CURRENT`` once per query, so a run in progress
never changes what a reader sees, and readers never hold a lock on the warehouse file
(research/tech_style.md, Pitfall 1a).
"""

from __future__ import annotations

import json
import os
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
    # R11-R12 (issue 11): outputs and budget, cost of performance, development map.
    "fct_output_realisation",
    "fct_output_realisation_unit",
    "fct_output_tukin_allocation",
    "fct_development_map",
    # R6 EJ thresholds (policy_staffing_bands of the rule set): the Beban Kerja what-if
    "dim_staffing_band",
)


def current_release_dir(serving_dir: Path) -> Path | None:
    """The folder of the release readers should use, or None before the first publication."""
    pointer = serving_dir / POINTER
    try:
        release_id = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    release = serving_dir / RELEASES / release_id
    return release if release.is_dir() else None


def mart_path(serving_dir: Path, mart: str) -> Path | None:
    """Path of one published mart's Parquet file in the current release, if published."""
    release = current_release_dir(serving_dir)
    if release is None:
        return None
    path = release / f"{mart}.parquet"
    return path if path.exists() else None


def release_manifest(serving_dir: Path) -> dict | None:
    """The current release's manifest (run id, published at, row counts)."""
    release = current_release_dir(serving_dir)
    if release is None:
        return None
    return json.loads((release / MANIFEST).read_text(encoding="utf-8"))


def publish(
    warehouse: Path,
    serving_dir: Path,
    run_id: str,
    rule_set: str,
    marts: tuple[str, ...] = PUBLISHED_MARTS,
) -> dict:
    """Copy the marts from the warehouse into a new release and point ``CURRENT`` at it.

    Opens the warehouse read-only; the caller must not hold a write connection to it.
    """
    published_at = datetime.now(UTC)
    release_id = f"{published_at:%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"
    releases = serving_dir / RELEASES
    staging = releases / f".{release_id}.tmp"
    staging.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(releases, keep=staging)
    row_counts: dict[str, int] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for index, mart in enumerate(marts):
            if index == len(marts) // 2:
                pause_point("publish")  # crash tests: half the files written, CURRENT unmoved
            target = staging / f"{mart}.parquet"
            # COPY returns the number of rows it wrote: no second scan to count them.
            row_counts[mart] = con.execute(
                f"copy (select * from marts.{mart}) to '{target}' "
                "(format parquet, compression zstd)"
            ).fetchone()[0]
        source_row_counts = dict(
            con.execute(
                "select table_name, estimated_size from duckdb_tables() "
                "where schema_name = 'raw' order by table_name"
            ).fetchall()
        )
    manifest = {
        "release_id": release_id,
        "run_id": run_id,
        "rule_set": rule_set,
        "published_at": published_at.isoformat(),
        "row_counts": row_counts,
        "source_row_counts": source_row_counts,
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder_files(folder: Path) -> None:
    for path in folder.iterdir():
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
