"""lib/statement.py, the two statement charts and the PDF: pure functions, no Streamlit."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from dashboards.lib import charts, pdf, statement
from tests.dashboards.helpers import pdf_text

LABELS = {"POTENTIAL": "Potensial", "TL": "TL", "TK": "TK", "NET": "Dibayar"}


# The legal_basis of policy_attendance_bands TL1 and of policy_parameters weight_performance
# (kemensos-2024), as the seeds write them.
TL1_BASIS = (
    "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan Permensos 07/2014 (tunjangan kinerja "
    "Kemensos), pola PermenPAN-RB 63/2011: potongan per kejadian terlambat masuk (TL) atau pulang "
    "sebelum waktunya (PSW)"
)
WEIGHT_BASIS = (
    "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan PermenPAN-RB 63/2011 (penataan sistem "
    "tunjangan kinerja): bobot capaian kinerja 60 %"
)


def _lines(amounts: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "line_no": range(1, len(amounts) + 1),
            "cause": [cause for cause, _ in amounts],
            "code": [cause for cause, _ in amounts],
            "work_date": [date(2025, 2, 3)] * len(amounts),
            "pct": [1.0] * len(amounts),
            "amount_idr": [amount for _, amount in amounts],
            "balance_after_idr": [0] * len(amounts),
            "rule_ref": ["kemensos-2024 R2"] * len(amounts),
            "description_id": ["Keterangan."] * len(amounts),
            "legal_basis": ["Perpres 21/2023 (jam kerja ASN)"] * len(amounts),
        }
    )


def test_waterfall_groups_lines_by_cause_in_line_order() -> None:
    lines = _lines([("TL", 50_000), ("TK", 500_000), ("TL", 100_000)])
    steps = statement.waterfall_steps(10_000_000, 9_350_000, lines, LABELS)
    assert steps["cause"].tolist() == ["POTENTIAL", "TL", "TK", "NET"]
    assert steps["measure"].tolist() == ["absolute", "relative", "relative", "total"]
    assert steps["amount_idr"].tolist() == [10_000_000, -150_000, -500_000, 9_350_000]
    assert steps["count"].tolist() == [0, 2, 1, 0]
    assert steps["running_idr"].tolist() == [10_000_000, 9_850_000, 9_350_000, 9_350_000]
    assert steps["label"].tolist() == ["Potensial", "TL", "TK", "Dibayar"]


def test_waterfall_without_lines_goes_straight_to_net() -> None:
    steps = statement.waterfall_steps(5_000_000, 5_000_000, _lines([]), LABELS)
    assert steps["measure"].tolist() == ["absolute", "total"]
    assert steps["running_idr"].iloc[-1] == 5_000_000


def test_waterfall_shows_a_difference_instead_of_hiding_it() -> None:
    """Lines that do not add up (a broken release) still end exactly at the net, visibly."""
    steps = statement.waterfall_steps(1_000_000, 899_999, _lines([("TK", 100_000)]), LABELS)
    assert steps["cause"].tolist() == ["POTENTIAL", "TK", statement.ROUNDING_STEP, "NET"]
    assert steps.loc[2, "amount_idr"] == -1
    assert steps["running_idr"].iloc[-1] == 899_999
    assert steps["amount_idr"].iloc[:-1].sum() == 899_999


def test_waterfall_chart_total_is_the_running_sum() -> None:
    lines = _lines([("TL", 50_000), ("TK", 500_000)])
    steps = statement.waterfall_steps(10_000_000, 9_450_000, lines, LABELS)
    figure = charts.tukin_waterfall(steps, ",.")
    trace = figure.data[0]
    assert trace.type == "waterfall"
    assert list(trace.measure) == ["absolute", "relative", "relative", "total"]
    assert sum(trace.y[:-1]) == 9_450_000
    assert list(trace.text) == ["Rp 10.000.000", "-Rp 50.000", "-Rp 500.000", "Rp 9.450.000"]
    assert charts.tukin_waterfall(steps, ".,").data[0].text[-1] == "Rp 9,450,000"


@pytest.mark.parametrize(
    ("status", "tl", "psw", "category"),
    [
        ("HADIR", None, None, statement.HADIR),
        ("HADIR", "TL1", None, statement.HADIR_TL_PSW),
        ("HADIR", None, "PSW4", statement.HADIR_TL_PSW),
        ("TK", None, None, statement.TK),
        ("DINAS_LUAR", None, None, statement.DINAS_LUAR),
        ("CUTI_SAKIT", None, None, statement.CUTI),
        ("CUTI_DILUAR_TANGGUNGAN_NEGARA", None, None, statement.CUTI),
    ],
)
def test_day_category(status: str, tl: str | None, psw: str | None, category: str) -> None:
    assert statement.day_category(status, tl, psw) == category


def test_calendar_days_cover_the_month_in_a_monday_grid() -> None:
    attendance = pd.DataFrame(
        {
            "work_date": [date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 31)],
            "status": ["HADIR", "TK", "CUTI_TAHUNAN"],
            "tl_code": [None, None, None],
            "psw_code": ["PSW1", None, None],
        }
    )
    days = statement.calendar_days("2025-01", attendance)
    assert len(days) == 31
    first = days.iloc[0]
    assert (first["day"], first["weekday"], first["week"]) == (1, 2, 0)  # Wednesday, row 0
    assert days.iloc[5][["day", "weekday", "week"]].tolist() == [6, 0, 1]  # Monday, row 1
    assert days.iloc[30]["week"] == 4
    assert days["category"].value_counts().to_dict() == {
        statement.NO_WORKDAY: 28,
        statement.HADIR_TL_PSW: 1,
        statement.TK: 1,
        statement.CUTI: 1,
    }


def test_attendance_calendar_chart() -> None:
    attendance = pd.DataFrame(
        {"work_date": [date(2025, 2, 3)], "status": ["TK"], "tl_code": [None], "psw_code": [None]}
    )
    days = statement.calendar_days("2025-02", attendance).assign(hover="x")
    labels = {category: category.lower() for category in statement.CALENDAR_CATEGORIES}
    figure = charts.attendance_calendar(days, labels, list("SSRKJSM"))
    by_name = {trace.name: trace for trace in figure.data}
    assert set(by_name) == {"tk", "no_workday"}
    assert list(by_name["tk"].text) == ["3"]
    assert list(figure.layout.xaxis.ticktext) == list("SSRKJSM")


def _month() -> dict:
    return {
        "nip": "198502022010012002",
        "period": "2025-02",
        "full_name": "Siti Rahmawati",
        "unit_name": "Biro Umum",
        "eselon1_unit_name": "Sekretariat Jenderal",
        "job_class": 7,
        "employment_status": "PNS",
        "workdays": 20,
        "hadir_days": 16,
        "tk_days": 4,
        "leave_days": 0,
        "tl1_count": 0,
        "tl2_count": 1,
        "tl3_count": 0,
        "tl4_count": 0,
        "psw1_count": 0,
        "psw2_count": 0,
        "psw3_count": 0,
        "psw4_count": 0,
        "capaian_pct": 80.0,
        "predicate": "BAIK",
        "tukin_base_idr": 10_000_000,
        "tukin_potential_idr": 10_000_000,
        "tukin_net_idr": 7_900_000,
    }


def test_statement_pdf_holds_the_rows_numbers() -> None:
    lines = _lines([("TL", 100_000), ("TK", 2_000_000)])
    document = pdf.statement_pdf(_month(), lines, "id", footer="Rilis X")
    assert document.startswith(b"%PDF")
    text = pdf_text(document)
    for expected in (
        "Slip Tunjangan Kinerja",
        "Siti Rahmawati",
        "198502022010012002",
        "Rp 10.000.000",
        "Rp 2.100.000",
        "Rp 7.900.000",
        "3 Februari 2025",  # dates in words
        "Perpres 21/2023 (jam kerja ASN) · R2",  # the line's legal_basis and its rule id
    ):
        assert expected in text, expected
    english = pdf_text(pdf.statement_pdf(_month(), lines, "en"))
    assert "Performance Allowance Statement" in english and "Rp 7,900,000" in english


def test_statement_pdf_embeds_a_unicode_font() -> None:
    """DejaVu Sans (regular and bold) is embedded, so the real minus sign and the arrows print."""
    month = _month() | {"full_name": "Siti – A → B ≥ C"}
    document = pdf.statement_pdf(month, _lines([("TL", 100_000)]), "id", compress=False)
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(document)).pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert {name.split("+")[-1] for name in fonts} == {"DejaVuSansBook", "DejaVuSansBold"}
    assert b"/FontFile2" in document  # the TrueType program itself, not a reference
    text = pdf_text(document)
    assert "tukin potensial Rp 10.000.000 − tukin dibayar Rp 7.900.000" in text
    assert "Siti – A → B ≥ C" in text


def test_statement_pdf_without_lines_and_with_odd_characters() -> None:
    month = _month() | {"full_name": "Ṡiti “Rahma” – Σ", "tukin_net_idr": 10_000_000}
    document = pdf.statement_pdf(month, _lines([]), "id")
    assert document.startswith(b"%PDF")


def test_statement_pdf_minus_words_regulation_and_period_status() -> None:
    """The minus of "potential − paid" prints, codes are words, each line cites the regulation
    of its policy row rather than the table, and the period's status is under the title."""
    from eperf.formats import CodeLabels
    from tests.dashboards.labels_fixture import code_label_frame

    labels = CodeLabels.from_records(code_label_frame().to_dict("records"))
    lines = _lines([("TL", 100_000), ("PERFORMANCE", 2_000_000)]).assign(
        code=["TL1", "CAPAIAN_KINERJA"],
        rule_ref=["kemensos-2024 R2 policy_attendance_bands TL1", "kemensos-2024 R3/R4 x"],
        legal_basis=[TL1_BASIS, WEIGHT_BASIS],
    )
    status = {
        "status": "TERBUKA",
        "reports_pending": 25,
        "reports_pending_pct": 12.5,
        "leave_pending": 3,
    }
    month = _month() | {"predicate": "BUTUH_PERBAIKAN"}
    document = pdf_text(
        pdf.statement_pdf(month, lines, "id", code_labels=labels, period_status=status)
    )
    assert "Rp 10.000.000 − tukin dibayar" in document
    for text in (
        "Butuh perbaikan",
        "Terlambat masuk",
        "Capaian kinerja",
        "TERBUKA (sementara)",
        "12,5%",
        "3 Februari 2025",
    ):
        assert text in document, text
    # Each line's legal basis is its row's, with the rule id of its rule reference.
    for basis in (TL1_BASIS + " · R2", WEIGHT_BASIS + " · R3/R4"):
        assert basis in document, basis
    for code in ("BUTUH_PERBAIKAN", "CAPAIAN_KINE", "policy_attendance_bands", "PERFORMANCE"):
        assert code not in document, code
    closed = pdf_text(
        pdf.statement_pdf(
            month,
            lines,
            "en",
            code_labels=labels,
            period_status={"status": "DITUTUP", "closed_at": pd.Timestamp("2025-03-05")},
        )
    )
    assert "CLOSED: closed and paid on 5 March 2025." in closed and "Needs improvement" in closed
    unknown = pdf_text(pdf.statement_pdf(month, lines, "id"))
    assert "Status periode tidak diketahui" in unknown and "Butuh perbaikan" in unknown
