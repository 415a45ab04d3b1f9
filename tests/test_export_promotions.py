"""Decree batch: ``eperf export --promotions`` lists exactly the ELIGIBLE rows of
fct_promotion_eligibility, with provenance, formula neutralising and the audit log."""

from __future__ import annotations

import csv
import json

import duckdb
import openpyxl
import pytest

from eperf import serving
from eperf.export import PROMOTION_COLUMNS, ExportError, export_promotions
from tests.conftest import PipelineRun, pipeline_over, run_eperf

# The provenance columns of every CSV row, the period's status among them.
PROVENANCE_COLUMNS = ("rule_set", "release_id", "run_id", "published_at", "period_status")


def test_no_one_eligible_gives_an_empty_batch(tiny_pipeline, tmp_path):
    """The tiny month has no two complete years of history, so nobody is ELIGIBLE."""
    out = tmp_path / "kp.csv"
    rows = export_promotions(tiny_pipeline.settings.serving_dir, "2025-01", None, "csv", out)
    assert rows == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [",".join([*PROMOTION_COLUMNS, *PROVENANCE_COLUMNS])]
    with pytest.raises(ExportError, match="Tidak ada data kenaikan pangkat"):
        export_promotions(tiny_pipeline.settings.serving_dir, "1999-01", None, "csv", out)


def test_the_batch_cites_the_legal_basis_of_the_rows_the_rule_applied(tiny_pipeline, tmp_path):
    """Nobody is ELIGIBLE in the tiny month: the batch cites the rows applied to a PNS, i.e. the
    legal_basis of the kemensos-2024 STATUS_KEPEGAWAIAN PNS criterion and of the parameters
    promotion_min_years_in_rank, promotion_predicate_years and
    promotion_sanction_lookback_months."""
    out = tmp_path / "kp.xlsx"
    export_promotions(tiny_pipeline.settings.serving_dir, "2025-01", None, "xlsx", out)
    definitions = list(openpyxl.load_workbook(out)["Definisi"].iter_rows(values_only=True))
    assert [text for term, text in definitions if term == "Dasar hukum"] == [
        "PP 99/2000 jo. PP 12/2002 (kenaikan pangkat PNS): kenaikan pangkat berlaku bagi PNS; "
        "CPNS belum PNS dan golongan PPPK (I-XVII) bukan pangkat; "
        "PP 99/2000 jo. PP 12/2002 (kenaikan pangkat PNS): kenaikan pangkat reguler setelah "
        "4 tahun dalam pangkat terakhir; "
        "PP 99/2000 jo. PP 12/2002 (kenaikan pangkat PNS) dan PermenPAN-RB 6/2022 (pengelolaan "
        "kinerja ASN): predikat tahunan dua tahun terakhir harus memenuhi syarat; "
        "PP 94/2021 (disiplin PNS) dan PP 99/2000 jo. PP 12/2002 (kenaikan pangkat PNS): tidak "
        "ada hukuman disiplin selain teguran lisan dalam 12 bulan terakhir"
    ]


@pytest.fixture(scope="module")
def history_pipeline(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """tests/e2e/promotion_sources.py (2024-01 .. 2026-01) after ``eperf run``."""
    from tests.e2e.promotion_sources import write_promotion_sources

    return pipeline_over(tmp_path_factory.mktemp("history"), write_promotion_sources, 1200)


def _mart_rows(run: PipelineRun, period: str) -> list[dict]:
    path = serving.mart_path(run.settings.serving_dir, "fct_promotion_eligibility")
    cursor = duckdb.execute(
        "select nip, status, reasons, rank_grade, next_rank_grade, cast(rank_since as varchar) "
        "as rank_since, cast(eligible_from as varchar) as eligible_from, annual_predicates "
        f"from read_parquet('{path}') where as_of_period = ? order by nip",
        [period],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.slow
def test_decree_batch_equals_the_eligible_rows(history_pipeline, tmp_path):
    from tests.e2e.promotion_sources import EXPECTED_BATCH, EXPECTED_BLOCKED, PEOPLE

    mart = _mart_rows(history_pipeline, "2026-01")
    eligible = [r for r in mart if r["status"] == "ELIGIBLE"]
    keys = list(EXPECTED_BATCH[0])
    assert [{k: r[k] for k in keys} for r in eligible] == EXPECTED_BATCH
    assert {r["nip"]: r["reasons"] for r in mart if r["status"] == "BLOCKED"} == EXPECTED_BLOCKED

    xlsx, csv_out = tmp_path / "kp.xlsx", tmp_path / "kp.csv"
    for fmt, out in (("xlsx", xlsx), ("csv", csv_out)):
        result = run_eperf(
            ["export", "--promotions", "--period", "2026-01", "--format", fmt, "--out", str(out)],
            history_pipeline.env,
        )
        assert result.returncode == 0, result.stderr
        assert "2 employees written" in result.stdout

    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Usulan kenaikan pangkat", "Definisi", "Provenans"]
    sheet = list(book["Usulan kenaikan pangkat"].iter_rows(values_only=True))
    assert sheet[0] == tuple(PROMOTION_COLUMNS.values())
    batch = [dict(zip(PROMOTION_COLUMNS, row, strict=True)) for row in sheet[1:]]
    same = [k for k in keys if k != "annual_predicates"]
    assert [{k: r[k] for k in same} for r in batch] == [{k: e[k] for k in same} for e in eligible]
    # the mart's codes ("2024: BAIK, 2025: BAIK") in words (dim_code_label, Indonesian)
    assert [r["annual_predicates"] for r in batch] == ["2024: Baik, 2025: Baik"] * 2
    by_nip = {r["nip"]: r for r in batch}
    first = EXPECTED_BATCH[0]["nip"]
    assert by_nip[first]["full_name"] == PEOPLE[first][0]
    second = EXPECTED_BATCH[1]["nip"]
    assert by_nip[second]["full_name"] == "'" + PEOPLE[second][0]  # "@..." neutralised
    assert {r["sanction_evidence"] for r in batch} == {"Tidak ada (selain teguran lisan)"}
    provenance = dict(book["Provenans"].iter_rows(min_row=2, values_only=True))
    manifest = serving.release_manifest(history_pipeline.settings.serving_dir)
    assert provenance["Run id"] == manifest["run_id"] and provenance["Periode"] == "2026-01"

    with csv_out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["nip"] for r in rows] == [e["nip"] for e in EXPECTED_BATCH]
    assert [r["annual_predicates"] for r in rows] == ["2024: Baik, 2025: Baik"] * 2
    assert {r["run_id"] for r in rows} == {manifest["run_id"]}

    audit_log = history_pipeline.settings.data_dir / "audit" / "audit.jsonl"
    events = [json.loads(line) for line in audit_log.read_text(encoding="utf-8").splitlines()]
    exports = [e for e in events if e["subject"] == "fct_promotion_eligibility"]
    assert [(e["format"], e["rows"], e["period"]) for e in exports] == [
        ("xlsx", 2, "2026-01"),
        ("csv", 2, "2026-01"),
    ]
