"""Exports read as Indonesian documents: header rows frozen, columns sized, counts as integers,
provenance in Bahasa Indonesia with the period's status, regulations as legal basis."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd

from eperf.export import (
    provenance_rows,
    write_csv,
    write_promotions_xlsx,
    write_xlsx,
)

MANIFEST = {"rule_set": "kemensos-2024", "release_id": "R1", "run_id": "abc", "published_at": "t"}
OPEN = {
    "status": "TERBUKA",
    "reports_pending": 13444,
    "reports_pending_pct": 41.2,
    "leave_pending": 7,
}


def _indicators() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "unit_id": "U1",
                "unit_name": "Direktorat dengan nama yang cukup panjang untuk diukur",
                "indicator_code": "RB_TINGKAT_TK",
                "indicator_name_id": "Tingkat TK",
                "value": 3.5,
                "numerator": 1965.0,
                "denominator": 56000.0,
                "indicator_group": "DISIPLIN",
                "formula": "100 × TK ÷ hari kerja",
                "legal_basis": "PP 94/2021",
            },
            {
                "unit_id": "U2",
                "unit_name": "Biro",
                "indicator_code": "RB_TINGKAT_TK",
                "indicator_name_id": "Tingkat TK",
                "value": None,
                "numerator": None,
                "denominator": None,
                "indicator_group": "DISIPLIN",
                "formula": "100 × TK ÷ hari kerja",
                "legal_basis": "PP 94/2021",
            },
        ]
    )


def test_provenance_is_indonesian_and_carries_the_period_status() -> None:
    rows = dict(provenance_rows(MANIFEST, "2025-02", None, OPEN))
    assert "Rule set" not in rows and rows["Versi aturan"] == "kemensos-2024"
    assert rows["Status periode"].startswith("TERBUKA (sementara): 41,2% laporan kegiatan")
    unknown = dict(provenance_rows(MANIFEST, "2025-02", None, None))
    assert "tidak diketahui" in unknown["Status periode"]
    assert "Status periode" not in dict(provenance_rows(MANIFEST, "semua", None))


def test_xlsx_sheets_have_frozen_headers_and_sized_columns(tmp_path) -> None:
    out = tmp_path / "rb.xlsx"
    write_xlsx(_indicators(), provenance_rows(MANIFEST, "2025-02", None, OPEN), out)
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.column_dimensions["A"].width >= 8, sheet.title
    disiplin = book["Disiplin"]
    assert disiplin.column_dimensions["B"].width > 40  # the long unit name
    assert disiplin["F2"].value == 1965 and isinstance(disiplin["F2"].value, int)
    provenance = dict(book["Provenans"].iter_rows(min_row=2, values_only=True))
    assert provenance["Status periode"].startswith("TERBUKA")


def test_csv_counts_are_integers_and_rows_carry_the_status(tmp_path) -> None:
    out = tmp_path / "rb.csv"
    write_csv(_indicators(), provenance_rows(MANIFEST, "2025-02", None, OPEN), out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["numerator"] == "1965" and rows[0]["denominator"] == "56000"
    assert rows[1]["numerator"] == ""
    assert rows[0]["value"] == "3.5"
    assert rows[0]["period_status"].startswith("TERBUKA (sementara)")
    assert ".0," not in out.read_text(encoding="utf-8-sig")


def test_promotion_batch_cites_the_legal_bases_it_is_given(tmp_path) -> None:
    """The definitions sheet cites the legal bases read from the mart, one row each."""
    bases = [
        "PP 99/2000 jo. PP 12/2002 (kenaikan pangkat PNS): 4 tahun",
        "PP 94/2021 (disiplin PNS)",
    ]
    out = tmp_path / "kp.xlsx"
    frame = pd.DataFrame(
        columns=[
            "nip",
            "full_name",
            "unit_id",
            "unit_name",
            "rank_grade",
            "rank_since",
            "next_rank_grade",
            "eligible_from",
            "annual_predicates",
            "sanction_evidence",
        ]
    )
    write_promotions_xlsx(frame, bases, provenance_rows(MANIFEST, "2025-02", None, OPEN), out)
    book = openpyxl.load_workbook(out)
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    definitions = list(book["Definisi"].iter_rows(min_row=2, values_only=True))
    assert [text for term, text in definitions if term == "Dasar hukum"] == bases
