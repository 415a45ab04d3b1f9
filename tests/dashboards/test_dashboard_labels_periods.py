"""Period status on every page, and codes in words everywhere (dim_period, dim_code_label).

The fixture release carries both marts (tests.dashboards.labels_fixture): 2025-01 closed and paid,
2025-02 open with 12.5 % of activity reports still awaiting verification. A release published
before the marts still renders, with the status unknown and the dashboards' own words.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from dashboards.lib.data import labels as labels_module
from dashboards.lib.i18n import fmt_number, fmt_pct, fmt_rupiah
from eperf import formats
from eperf.formats import CodeLabels, cited_basis, period_status_text
from tests.dashboards.conftest import BAND_BASIS, TK_BASIS, write_release
from tests.dashboards.helpers import open_page, rendered_text, sign_in
from tests.dashboards.labels_fixture import CLOSED_PERIOD, CODES, OPEN_PERIOD, code_label_frame

# Every page a MENTERI opens (the Pegawai page reads a NIP from the URL).
PAGES = (
    "ringkasan",
    "telusuri",
    "kedisiplinan",
    "kinerja",
    "beban_kerja",
    "promosi",
    "indikator_rb",
    "output",
    "pengembangan",
)
STATEMENT = ("pegawai", {"nip": "198502022010012002"})
# Codes whose words differ from the code: none may reach a table cell or header, a metric or text.
LABELLED_CODES = sorted(
    code
    for kind, codes in CODES.items()
    if kind not in ("pj_band", "employment_status", "period_status")
    for code, (label_id, _) in codes.items()
    if "_" in code and label_id.upper().replace(" ", "_") != code
)
CODE_COLUMN = "Kode indikator"
# English words that must not show in Indonesian mode (our own UI text).
ENGLISH_WORDS = ("No results", "Rule set", "Overstaffed", "Understaffed", "Eligible", "Blocked")


def shown_frames(at: AppTest) -> list[pd.DataFrame]:
    """Every dataframe as the reader sees it: a Styler's display text, else the values."""
    frames = []
    for element in at.dataframe:
        arrow = element.proto.arrow_data
        values = element.value
        if arrow.HasField("styler") and arrow.styler.display_values:
            shown = dataframe_util.convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
            shown.columns = values.columns
            frames.append(shown)
        else:
            frames.append(values)
    return frames


def shown_cells(at: AppTest) -> list[str]:
    cells = []
    for frame in shown_frames(at):
        # The Indikator RB table names each indicator's code beside its name, on purpose.
        frame = frame.drop(columns=[CODE_COLUMN], errors="ignore")
        cells += [str(c) for c in frame.columns]
        cells += [str(v) for v in frame.to_numpy().ravel()]
    for metric in at.metric:
        cells += [str(metric.label), str(metric.value)]
    cells += [str(m.value) for m in at.markdown] + [str(c.value) for c in at.caption]
    return cells


def _open(page: str, period: str | None = None, params: dict | None = None) -> AppTest:
    at = sign_in("menteri")
    if period:
        at.sidebar.selectbox(key="period").set_value(period).run()
    at = open_page(at, page, dict(params or {}))
    assert not at.exception, at.exception
    return at


# --- unit: labels, status text, formats ---------------------------------------------------------
def test_the_marts_label_wins_and_a_missing_label_falls_back() -> None:
    labels = CodeLabels.from_records(code_label_frame().to_dict("records"))
    assert labels.label("verdict", "SESUAI", "id") == "Sesuai kebutuhan"
    assert labels.label("predicate", "SANGAT_BAIK", "en") == "Outstanding"
    assert labels.label("verdict", "UNKNOWN", "id", "Kata") == "Kata"
    assert labels.label("verdict", "UNKNOWN", "id") == "UNKNOWN"
    assert labels.label("verdict", None, "id") == "—"
    # the dashboards' lookup: the mart, else i18n's words, else the code
    empty = CodeLabels()
    assert labels_module.label(empty, "verdict", "KELEBIHAN_PEGAWAI", "id") == "Kelebihan pegawai"
    assert labels_module.label(labels, "verdict", "SESUAI", "id") == "Sesuai kebutuhan"
    assert labels_module.label(empty, "verdict", "SESUAI", "en") == "Adequate"
    assert labels_module.label(labels, "promotion_reason", "PREDIKAT_TAHUN_2024", "id") == (
        "Predikat tahunan 2024"
    )
    # a tukin line's code: its attendance band, else its leave type or sanction
    leave = CodeLabels({("leave_type", "CUTI_SAKIT"): ("Cuti sakit", "Sick leave")})
    assert labels_module.label(leave, "attendance", "CUTI_SAKIT", "en") == "Sick leave"
    assert labels_module.labels_text(labels, "recommendation", "PEMBINAAN_KINERJA,X", "id") == (
        "Pembinaan kinerja, X"
    )


def test_period_status_text_open_closed_and_unknown() -> None:
    open_row = {
        "status": "TERBUKA",
        "reports_pending": 13444,
        "reports_pending_pct": 12.5,
        "leave_pending": 3,
    }
    text = period_status_text(open_row, "id")
    assert text.startswith("TERBUKA (sementara)")
    assert "12,5%" in text and "13.444 laporan" in text and "3 pengajuan cuti" in text
    assert "12.5%" in period_status_text(open_row, "en")
    closed = {"status": "DITUTUP", "closed_at": pd.Timestamp("2025-03-05 10:00")}
    assert (
        period_status_text(closed, "id") == "DITUTUP: sudah ditutup dan dibayar pada 5 Maret 2025."
    )
    assert period_status_text(closed, "en") == "CLOSED: closed and paid on 5 March 2025."
    assert "tidak diketahui" in period_status_text(None, "id")


def test_i18n_formats_are_the_one_formatter() -> None:
    assert fmt_number(1965.0, "id") == "1.965" == formats.number(1965, "id")
    assert fmt_pct(87.5, "id") == "87,5%"
    assert fmt_rupiah(-3_510_400, "id") == "-Rp 3.510.400"
    assert fmt_number(float("nan"), "id") == "—" and fmt_number(pd.NA, "en") == "—"


def test_a_line_cites_its_rows_legal_basis_and_rule_id() -> None:
    """The regulation is the line's legal_basis (its policy row's), the rule id is parsed from
    the rule reference; a line frozen before it carried a legal basis shows the rule id."""
    tl1 = "kemensos-2024 R2 policy_attendance_bands TL1 (berlaku 2020-01-01)"
    assert cited_basis(BAND_BASIS, tl1) == (
        "Ditetapkan kementerian berdasarkan Perpres 71/2023 dan Permensos 07/2014 (tunjangan "
        "kinerja Kemensos), pola PermenPAN-RB 63/2011: potongan per kejadian terlambat masuk "
        "(TL) atau pulang sebelum waktunya (PSW) · R2"
    )
    performance = "kemensos-2024 R3/R4 policy_parameters weight_performance"
    assert (
        cited_basis("PP 94/2021 (disiplin PNS)", performance) == "PP 94/2021 (disiplin PNS) · R3/R4"
    )
    assert cited_basis(None, tl1) == "R2"
    assert cited_basis(pd.NA, "something else") == "—"


# --- pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_open_periods_status_and_no_code(serving_dir: Path, page: str) -> None:
    at = _open(page)
    text = rendered_text(at)
    assert "TERBUKA (sementara)" in text and "12,5%" in text, page
    cells = shown_cells(at)
    assert not [c for c in cells if c in LABELLED_CODES], page
    assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>")], page
    for word in ENGLISH_WORDS:
        assert not [c for c in cells if word in c], (page, word)


def test_the_statement_shows_status_and_words(serving_dir: Path) -> None:
    at = _open(STATEMENT[0], OPEN_PERIOD, STATEMENT[1])
    cells = shown_cells(at)
    assert "TERBUKA (sementara)" in rendered_text(at)
    assert not [c for c in cells if c in LABELLED_CODES]
    assert "Tanpa keterangan" in cells  # the TK cause, in the mart's words
    assert not [c for c in cells if c in ("None", "nan")]
    lines = next(f for f in shown_frames(at) if "Dasar hukum" in f.columns)
    assert list(lines.columns)[:3] == ["No", "Sebab", "Keterangan"]
    assert lines["Dasar hukum"].iloc[0] in (f"{BAND_BASIS} · R2", f"{TK_BASIS} · R2")
    assert lines["Dasar hukum"].str.endswith(("· R2", "· R3/R4")).all()


def test_a_closed_period_says_closed(serving_dir: Path) -> None:
    at = _open("ringkasan", CLOSED_PERIOD)
    text = rendered_text(at)
    assert "DITUTUP: sudah ditutup dan dibayar pada 5 Februari 2025." in text
    assert "TERBUKA (sementara)" not in text


def test_deltas_and_verdicts_on_an_open_month_are_marked(serving_dir: Path) -> None:
    at = _open("ringkasan", OPEN_PERIOD)
    assert "bulan terbuka: angka sementara" in rendered_text(at)
    staffing = _open("beban_kerja", OPEN_PERIOD)
    units = next(f for f in shown_frames(staffing) if "Status" in f.columns)
    assert units["Status"].dropna().str.endswith("(sementara)").all()
    closed = _open("beban_kerja", CLOSED_PERIOD)
    units = next(f for f in shown_frames(closed) if "Status" in f.columns)
    assert not units["Status"].dropna().str.contains("sementara").any()


def test_english_shows_english_words(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.radio(key="lang").set_value("en").run()
    at = open_page(at, "beban_kerja")
    assert not at.exception, at.exception
    assert "OPEN (provisional)" in rendered_text(at)
    units = next(f for f in shown_frames(at) if "Verdict" in f.columns)
    assert units["Verdict"].dropna().str.endswith("(provisional)").all()
    assert not units["Verdict"].str.contains("pegawai").any()


def test_a_release_without_the_marts_still_renders(tmp_path: Path, monkeypatch, users_file) -> None:
    directory = tmp_path / "old"
    write_release(directory, with_labels=False)
    monkeypatch.setenv("EPERF_SERVING_DIR", str(directory))
    for page in ("ringkasan", "beban_kerja", "promosi"):
        at = _open(page)
        assert "Status periode tidak diketahui" in rendered_text(at), page
        assert not [c for c in shown_cells(at) if c in LABELLED_CODES], page


def test_short_history_is_said_on_promosi(serving_dir: Path) -> None:
    at = _open("promosi")
    text = rendered_text(at)
    assert "Riwayat kinerja baru 0 tahun lengkap" in text
    assert "hari kerja bertugas" in text  # what the page's headcount counts
