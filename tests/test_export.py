"""R9 export: the workbook opens, its numbers equal the mart, and formula text is neutralised."""

from __future__ import annotations

import duckdb
import openpyxl
import pandas as pd

from eperf import serving
from eperf.export import export_indicators, neutralise, write_xlsx
from tests.conftest import run_eperf


def test_formula_injection_is_neutralised():
    for text in ['=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    assert neutralise("Kementerian Sosial") == "Kementerian Sosial"
    assert neutralise(-5) == -5  # numbers stay numbers


def test_workbook_cells_never_start_a_formula(tmp_path):
    frame = pd.DataFrame(
        [
            {
                "unit_id": "U1",
                "unit_name": '=HYPERLINK("http://evil","klik")',
                "indicator_code": "RB_DISIPLIN",
                "indicator_name_id": "Tingkat disiplin",
                "value": 50.0,
                "numerator": 1.0,
                "denominator": 2.0,
                "indicator_group": "DISIPLIN",
                "formula": "=1+1",
                "legal_basis": "PP 94/2021",
            }
        ]
    )
    out = tmp_path / "x.xlsx"
    write_xlsx(frame, [("Periode", "2025-01")], out)
    book = openpyxl.load_workbook(out)
    values = [c.value for s in book.worksheets for row in s.iter_rows() for c in row]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)
    assert '\'=HYPERLINK("http://evil","klik")' in values


def test_exported_numbers_equal_the_mart(tiny_pipeline, tmp_path):
    out = tmp_path / "rb.xlsx"
    rows = export_indicators(tiny_pipeline.settings.serving_dir, "2025-01", None, "xlsx", out)
    with duckdb.connect(str(tiny_pipeline.settings.warehouse), read_only=True) as con:
        mart = {
            (u, code): (float(v) if v is not None else None, float(n), float(d))
            for u, code, v, n, d in con.execute(
                "select unit_id, indicator_code, value, numerator, denominator "
                "from marts.rpt_rb_indicators where period = '2025-01'"
            ).fetchall()
        }
    assert rows == len(mart) > 0
    book = openpyxl.load_workbook(out)
    assert {"Definisi", "Provenans", "Disiplin", "Tukin", "Predikat"} <= set(book.sheetnames)
    seen = {}
    for sheet in ("Pelaporan", "Disiplin", "Tukin", "Predikat", "Kepegawaian"):
        for unit, _name, code, _label, value, num, den in book[sheet].iter_rows(
            min_row=2, values_only=True
        ):
            seen[(unit, code)] = (value, float(num), float(den))
    assert seen == mart
    provenance = dict(book["Provenans"].iter_rows(min_row=2, values_only=True))
    manifest = serving.release_manifest(tiny_pipeline.settings.serving_dir)
    assert provenance["Run id"] == manifest["run_id"]
    assert provenance["Versi aturan"] == "kemensos-2024"  # provenance in Bahasa Indonesia
    assert provenance["Status periode"]  # the period's status (unknown without dim_period)
    assert provenance["Baris sumber: attendance__punch"] > 0


def test_export_command_writes_csv_and_audit_log(tiny_pipeline, tmp_path):
    out = tmp_path / "rb.csv"
    result = run_eperf(
        ["export", "--period", "2025-01", "--unit", "UPT-B", "--format", "csv", "--out", str(out)],
        tiny_pipeline.env,
    )
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("unit_id,unit_name,indicator_code")
    assert len(lines) == 1 + 12 and all(line.startswith("UPT-B,") for line in lines[1:])
    audit_log = tiny_pipeline.settings.data_dir / "audit" / "audit.jsonl"
    assert '"action": "export"' in audit_log.read_text(encoding="utf-8").splitlines()[-1]
    missing = run_eperf(["export", "--period", "1999-01"], tiny_pipeline.env)
    assert missing.returncode == 2 and "Tidak ada indikator" in missing.stderr
