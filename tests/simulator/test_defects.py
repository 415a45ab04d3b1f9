"""Defect injection (``SimulatorConfig.defect_rate``): clean by default, deterministic by seed,
every kind present, valid rows untouched, and a manifest that says where each defect is."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import SimulatorConfig, generate_sources
from simulator.defects import (
    BOM,
    DATABASE_KINDS,
    REASONS,
    DefectTargets,
    apply_resend,
    inject_defects,
    manifest_path,
)


def _config(root: Path, **changes) -> SimulatorConfig:
    config = SimulatorConfig(
        simpeg_url=f"sqlite:///{root / 'simpeg.sqlite'}",
        app_url=f"sqlite:///{root / 'app.sqlite'}",
        attendance_dir=root / "attendance",
        employees=30,
        months=1,
        start_period="2025-02",
        seed=11,
    )
    return dataclasses.replace(config, **changes)


def _files(config: SimulatorConfig) -> dict[str, bytes]:
    root = Path(config.attendance_dir)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("*/*.csv"))}


def _dump(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = conn.exec_driver_sql("select name from sqlite_master where type = 'table'")
        tables = sorted(names.scalars())
        rows = {t: sorted(conn.exec_driver_sql(f"select * from {t}").all()) for t in tables}
    engine.dispose()
    return rows


def _lines(body: bytes) -> list[str]:
    """Data lines of an export, whatever its BOM, line ends and separator."""
    text = body.removeprefix(BOM).decode("ascii")
    header, *lines = text.splitlines()
    separator = ";" if ";" in header else ","
    return [line.replace(separator, ",") for line in lines]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SimulatorConfig]:
    configs = {
        "unset": _config(tmp_path_factory.mktemp("unset")),
        "zero": _config(tmp_path_factory.mktemp("zero"), defect_rate=0.0),
        "defects": _config(tmp_path_factory.mktemp("defects"), defect_rate=0.05),
        "again": _config(tmp_path_factory.mktemp("again"), defect_rate=0.05),
    }
    for config in configs.values():
        generate_sources(config)
    return configs


def _manifest(config: SimulatorConfig) -> dict:
    return json.loads(manifest_path(config.attendance_dir).read_text(encoding="utf-8"))


def test_rate_zero_is_the_clean_generator_byte_for_byte(runs) -> None:
    unset, zero = runs["unset"], runs["zero"]
    assert _files(zero) == _files(unset)
    for url in ("simpeg_url", "app_url"):
        assert _dump(getattr(zero, url)) == _dump(getattr(unset, url))
    assert not manifest_path(zero.attendance_dir).exists()


def test_same_seed_and_rate_give_identical_defects(runs) -> None:
    first, second = runs["defects"], runs["again"]
    assert _files(first) == _files(second)
    for url in ("simpeg_url", "app_url"):
        assert _dump(getattr(first, url)) == _dump(getattr(second, url))
    assert _manifest(first) == _manifest(second)
    assert _files(first) != _files(runs["zero"])


def test_every_kind_appears_and_the_manifest_is_next_to_the_folder(runs) -> None:
    config = runs["defects"]
    path = manifest_path(config.attendance_dir)
    assert path.parent == Path(config.attendance_dir).parent
    assert not list(Path(config.attendance_dir).rglob("*.json"))
    manifest = json.loads(path.read_text(encoding="utf-8"))
    kinds = [d["kind"] for d in manifest["defects"]]
    assert set(kinds) == set(REASONS)
    assert manifest["counts"] == {kind: kinds.count(kind) for kind in sorted(set(kinds))}
    assert manifest["seed"] == 11 and manifest["defect_rate"] == 0.05
    for defect in manifest["defects"]:
        assert defect["reason"] == REASONS[defect["kind"]]
        if defect["source"] == "attendance":
            assert (Path(config.attendance_dir) / defect["file"]).is_file()
            assert defect["line"] is None or defect["line"] >= 2
        else:
            assert defect["table"] and defect["key"]


def test_defect_lines_are_where_the_manifest_says(runs) -> None:
    config = runs["defects"]
    files = _files(config)
    for defect in _manifest(config)["defects"]:
        if defect["source"] != "attendance" or defect["line"] is None:
            continue
        if defect["kind"] == "RESENT":  # the line the re-sent version adds
            assert defect["line"] == defect["original_lines"] + 1
            continue
        lines = files[defect["file"]].removeprefix(BOM).decode("ascii").splitlines()
        assert lines[defect["line"] - 1] == defect["text"], defect
        if defect["kind"] == "TRUNCATED_LINE":
            assert defect["line"] == len(lines)
            assert not files[defect["file"]].endswith((b"\n", b"\r"))
            separator = ";" if ";" in lines[0] else ","
            assert len(defect["text"].split(separator)) < 5


def test_valid_rows_are_unchanged(runs) -> None:
    clean, dirty = _files(runs["zero"]), _files(runs["defects"])
    manifest = _manifest(runs["defects"])
    planted: dict[str, set[int]] = {}
    for defect in manifest["defects"]:
        if defect["line"] is not None and defect["kind"] != "RESENT":
            planted.setdefault(defect["file"], set()).add(defect["line"])
    for name, body in clean.items():
        lines = _lines(dirty[name])
        kept = [line for n, line in enumerate(lines, start=2) if n not in planted.get(name, ())]
        assert kept == _lines(body), name
    new = set(dirty) - set(clean)
    assert new == {
        d["file"] for d in manifest["defects"] if d["kind"] in ("UNREGISTERED_DEVICE", "EMPTY_FILE")
    }
    # Database defects are extra rows; every clean row is still there, as it was.
    for url in ("simpeg_url", "app_url"):
        before, after = _dump(getattr(runs["zero"], url)), _dump(getattr(runs["defects"], url))
        for table, rows in before.items():
            assert set(rows) <= set(after[table])
            extra = len(after[table]) - len(rows)
            assert extra == sum(1 for d in manifest["defects"] if d["table"] == table)


def test_apply_resend_adds_one_line_to_each_resent_file(tmp_path: Path) -> None:
    config = _config(tmp_path, defect_rate=0.02)
    generate_sources(config)
    manifest = _manifest(config)
    before = _files(config)
    resent = [d for d in manifest["defects"] if d["kind"] == "RESENT"]
    assert sorted(apply_resend(config.attendance_dir, manifest_path(config.attendance_dir))) == (
        sorted(d["file"] for d in resent)
    )
    after = _files(config)
    for defect in resent:
        assert before[defect["file"]].count(b"\n") == defect["original_lines"]
        expected = before[defect["file"]] + (defect["resent_line"] + "\n").encode()
        assert after[defect["file"]] == expected
    assert {k: v for k, v in after.items() if k not in {d["file"] for d in resent}} == {
        k: v for k, v in before.items() if k not in {d["file"] for d in resent}
    }
    assert apply_resend(config.attendance_dir, manifest) == []


def test_a_clean_run_removes_a_stale_manifest(tmp_path: Path) -> None:
    generate_sources(_config(tmp_path, defect_rate=0.01))
    assert manifest_path(tmp_path / "attendance").exists()
    generate_sources(_config(tmp_path))
    assert not manifest_path(tmp_path / "attendance").exists()
    assert not any(
        p.parent.name.startswith("KMS-ZZZ") for p in (tmp_path / "attendance").rglob("*")
    )


def test_database_defects_are_skipped_on_typed_engines(tmp_path: Path) -> None:
    config = _config(tmp_path)
    summary = generate_sources(config)
    targets = DefectTargets(
        seed=1,
        rate=0.01,
        attendance_dir=config.attendance_dir,
        app_url="postgresql://nobody@127.0.0.1:1/none",  # never connected to
        nips=frozenset(),
        devices=("KMS-JKT-0001",),
        first_day=date(2025, 2, 1),
        last_day=date(2025, 2, 28),
        punches=summary.row_counts["punches"],
    )
    manifest = inject_defects(targets)
    kinds = {d["kind"] for d in manifest["defects"]}
    assert kinds == set(REASONS) - set(DATABASE_KINDS)
    assert manifest["database_defects"].startswith("skipped")


def test_rate_must_be_a_share(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="defect_rate"):
        _config(tmp_path, defect_rate=1.5)
