"""Acceptance test of the quarantine against a ground truth: the simulator plants every defect
real sources send (simulator/defects.py) and lists each in ``defects_manifest.json``; ingestion
must reject exactly those rows, each with the reason the manifest names, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ingestion import database, punches
from ingestion.batch import Batch
from ingestion.contract import APP, SIMPEG
from simulator import SimulatorConfig, generate_sources
from simulator.defects import REASONS, apply_resend, manifest_path

DATABASES = {"simpeg": SIMPEG, "app": APP}


def _generate(root: Path) -> tuple[SimulatorConfig, dict]:
    config = SimulatorConfig(
        simpeg_url=f"sqlite:///{root / 'simpeg.sqlite'}",
        app_url=f"sqlite:///{root / 'app.sqlite'}",
        attendance_dir=root / "attendance",
        employees=40,
        months=1,
        start_period="2025-01",
        seed=3,
        defect_rate=0.02,
        attlog_share=0.5,  # half the devices give ZKTeco logs, so their defects are planted too
    )
    generate_sources(config)
    manifest = json.loads(manifest_path(config.attendance_dir).read_text(encoding="utf-8"))
    return config, manifest


def _ingest(con: duckdb.DuckDBPyConnection, config: SimulatorConfig) -> None:
    for source, metadata in DATABASES.items():
        url = getattr(config, f"{source}_url")
        database.load_database(con, url, source, metadata, Batch(source))
    punches.load_punches(con, Path(config.attendance_dir), Batch("attendance"))


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        table: con.execute(f"select * from {table} order by all").fetchall()
        for table in ("raw.attendance__punch", "raw.quarantine", "raw.attendance__file_manifest")
    }


def _count(con: duckdb.DuckDBPyConnection, sql: str, *params) -> int:
    return con.execute(sql, list(params)).fetchone()[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("defect_corpus")
    config, manifest = _generate(root)
    con = duckdb.connect(str(root / "warehouse.duckdb"))
    _ingest(con, config)
    yield config, manifest, con
    con.close()


def test_the_corpus_holds_every_kind(corpus) -> None:
    config, manifest, _ = corpus
    assert set(manifest["counts"]) == set(REASONS)
    assert manifest_path(config.attendance_dir).parent == Path(config.attendance_dir).parent


def test_every_file_defect_is_quarantined_with_its_reason_and_nothing_else(corpus) -> None:
    _, manifest, con = corpus
    expected = sorted(
        (d["file"], d["line"], d["reason"])
        for d in manifest["defects"]
        if d["source"] == "attendance" and d["reason"] is not None
    )
    found = con.execute(
        "select source_object, row_number, reason from raw.quarantine "
        "where source = 'attendance' order by all"
    ).fetchall()
    assert found == expected


def test_every_database_defect_is_quarantined_with_its_reason_and_nothing_else(corpus) -> None:
    _, manifest, con = corpus
    expected = sorted(
        (d["source"], d["table"], json.dumps({k: str(v) for k, v in d["key"].items()}), d["reason"])
        for d in manifest["defects"]
        if d["table"] is not None
    )
    found = []
    for source, table, raw_text, reason in con.execute(
        "select source, source_object, raw_text, reason from raw.quarantine "
        "where source <> 'attendance'"
    ).fetchall():
        row = json.loads(raw_text)
        keys = [c.name for c in DATABASES[source].tables[table].primary_key.columns]
        found.append((source, table, json.dumps({k: row[k] for k in keys}), reason))
    assert sorted(found) == expected
    assert expected  # the sources are SQLite, so database defects were planted


def test_format_variations_and_empty_files_lose_nothing(corpus) -> None:
    config, manifest, con = corpus
    for defect in manifest["defects"]:
        if defect["kind"] in ("BOM", "CRLF", "SEMICOLON"):
            loaded = _count(
                con,
                "select count(*) from raw.attendance__punch where _source_file = ?",
                defect["file"],
            )
            assert loaded > 0, defect
        elif defect["kind"] == "EMPTY_FILE":
            assert (Path(config.attendance_dir) / defect["file"]).stat().st_size == 0
            assert con.execute(
                "select rows_in, rows_quarantined from raw.attendance__file_manifest "
                "where source_file = ?",
                [defect["file"]],
            ).fetchone() == (0, 0)


def test_rows_in_equal_rows_loaded_plus_merged_plus_quarantined(corpus) -> None:
    config, _, con = corpus
    lines = 0
    for path in Path(config.attendance_dir).glob("*/*"):
        body = path.read_bytes().decode("utf-8-sig").splitlines()
        if path.suffix == ".csv":
            body = body[1:]  # the header
        lines += sum(1 for line in body if line.strip())
    loaded = _count(con, "select count(*) from raw.attendance__punch")
    merged = _count(con, "select sum(rows_merged) from raw.attendance__file_manifest")
    quarantined = _count(con, "select count(*) from raw.quarantine where source = 'attendance'")
    assert lines == loaded + merged + quarantined
    assert loaded > 0 and merged > 0 and quarantined > 0


def test_running_again_changes_nothing(corpus) -> None:
    config, _, con = corpus
    before = _snapshot(con)
    _ingest(con, config)
    assert _snapshot(con) == before


def test_a_resent_file_adds_exactly_its_extra_punch(tmp_path: Path) -> None:
    config, manifest = _generate(tmp_path)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        _ingest(con, config)
        resent = [d for d in manifest["defects"] if d["kind"] == "RESENT"]
        assert resent
        before = {
            d["file"]: _count(
                con, "select count(*) from raw.attendance__punch where _source_file = ?", d["file"]
            )
            for d in resent
        }
        total = _count(con, "select count(*) from raw.attendance__punch")
        quarantine = _snapshot(con)["raw.quarantine"]

        assert sorted(apply_resend(config.attendance_dir, manifest)) == sorted(before)
        _ingest(con, config)

        assert _count(con, "select count(*) from raw.attendance__punch") == total + len(resent)
        for defect in resent:
            device, pin, punch_time, _, _ = defect["resent_line"].split(",")
            assert (
                _count(
                    con,
                    "select count(*) from raw.attendance__punch where _source_file = ?",
                    defect["file"],
                )
                == before[defect["file"]] + 1
            )
            assert con.execute(
                "select _row_number from raw.attendance__punch "
                "where device_sn = ? and pin = ? and punch_time = cast(? as timestamp)",
                [device, pin, punch_time],
            ).fetchall() == [(defect["line"],)]
        assert _snapshot(con)["raw.quarantine"] == quarantine
        assert apply_resend(config.attendance_dir, manifest) == []  # already the new version
    finally:
        con.close()
