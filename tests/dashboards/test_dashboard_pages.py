"""The Telusuri (drill-down) and Pegawai (statement) pages through the whole app (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eperf.audit import audit_path, data_events
from tests.dashboards.conftest import BAND_BASIS, EMPLOYEES, NIP, TK_BASIS, WEIGHT_BASIS
from tests.dashboards.helpers import (
    built_statements,
    open_page,
    pdf_text,
    personal_data_in,
    rendered_text,
    sign_in,
    titles,
)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _audit_events(tmp_path: Path) -> list[dict]:
    path = audit_path(tmp_path / "data")
    if not path.exists():
        return []
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return data_events(events)  # sign-ins left out


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _crumbs(at: AppTest) -> list[str]:
    """The breadcrumb: the ancestors' buttons, then the current unit in bold."""
    ancestors = [b.label for b in at.button if b.key and b.key.startswith("crumb_")]
    current = [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]
    return ancestors + current


# --- Telusuri ---------------------------------------------------------------------------------


def test_drill_down_starts_at_the_ministry(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "telusuri")
    assert not at.exception
    assert titles(at) == ["Telusuri"]
    assert at.query_params == {"unit": "KEMENSOS", "period": "2025-02"}
    assert _crumbs(at) == ["Kementerian Sosial"]
    assert _metric(at, "Jumlah pegawai") == "7"
    assert _metric(at, "Realisasi tukin") == "87,5%"
    children = at.dataframe[0].value
    assert children["Unit"].tolist() == ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"]
    assert "Tidak ada pegawai yang langsung berada di unit ini" in rendered_text(at)


def test_one_click_drill_and_breadcrumb(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "telusuri")
    key = at.dataframe[0].key
    at.session_state[key] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()  # a click on "Sekretariat Jenderal"
    assert not at.exception
    assert at.query_params["unit"] == "SETJEN"
    assert _crumbs(at) == ["Kementerian Sosial", "Sekretariat Jenderal"]
    assert _metric(at, "Jumlah pegawai") == "5"
    assert at.dataframe[0].value["Unit"].tolist() == ["Biro Umum"]
    at.session_state[at.dataframe[0].key] = {  # a click on a cell of the first row
        "selection": {"rows": [], "columns": [], "cells": [[0, "Unit"]]}
    }
    at.run()
    assert at.query_params["unit"] == "BIRO_UMUM"
    assert _crumbs(at) == ["Kementerian Sosial", "Sekretariat Jenderal", "Biro Umum"]
    employees = at.dataframe[-1].value
    assert sorted(employees["NIP"]) == sorted(NIP[k] for k in "ABCDE")
    assert "Budi Santoso" in employees["Nama"].tolist()
    at.button(key="crumb_KEMENSOS").click().run()
    assert at.query_params["unit"] == "KEMENSOS"
    assert _metric(at, "Jumlah pegawai") == "7"


def test_shared_link_opens_the_unit_and_period_after_sign_in(serving_dir: Path) -> None:
    at = sign_in("menteri", {"unit": "BIRO_UMUM", "period": "2025-01"})
    assert titles(at) == ["Telusuri"]
    assert at.sidebar.selectbox(key="period").value == "2025-01"
    assert at.query_params == {"unit": "BIRO_UMUM", "period": "2025-01"}
    assert _metric(at, "Jumlah pegawai") == "5"
    assert _metric(at, "Tingkat kehadiran") == "97,0%"  # 97 of 100 days (B: 3 TK)


def test_unit_head_starts_at_the_own_unit(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-rehsos"), "telusuri")
    assert at.query_params["unit"] == "REHSOS"
    assert _crumbs(at) == ["Ditjen Rehabilitasi Sosial"]
    assert _metric(at, "Jumlah pegawai") == "2"
    assert personal_data_in(at, "ABCDE") == []


def test_denied_unit_offers_the_way_back(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-rehsos"), "telusuri", {"unit": "BIRO_UMUM"})
    assert at.error[0].value.startswith("Akses ditolak")
    at.button(key="telusuri_home").click().run()
    assert not at.error
    assert at.query_params["unit"] == "REHSOS"


def test_employee_list_opens_the_statement(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-setjen"), "telusuri", {"unit": "BIRO_UMUM"})
    picker = next(s for s in at.selectbox if s.key and s.key.startswith("telusuri_employee"))
    picker.set_value(NIP["D"]).run()
    at.button(key="telusuri_open").click().run()
    assert not at.exception
    assert titles(at) == ["Slip pegawai"]
    assert at.query_params == {"nip": NIP["D"], "period": "2025-02"}
    assert at.subheader[0].value == f"Dewi Lestari · NIP {NIP['D']}"


# --- Pegawai ----------------------------------------------------------------------------------


def test_employee_sees_the_own_statement(serving_dir: Path, tmp_path: Path) -> None:
    at = sign_in("pegawai-b")
    assert titles(at) == ["Slip pegawai"]
    assert not at.text_input  # no picker for PEGAWAI
    assert at.subheader[0].value == f"Siti Rahmawati · NIP {NIP['B']}"
    assert _metric(at, "Tukin potensial") == "Rp 10.000.000"
    assert _metric(at, "Total potongan") == "Rp 3.000.000"
    assert _metric(at, "Tukin dibayar") == "Rp 7.000.000"
    assert _metric(at, "Capaian kinerja") == "80,00%"
    lines = at.dataframe[0].value
    assert lines["Kode"].tolist() == ["TL2", "TK", "TK", "TK", "TK", "CAPAIAN_KINERJA"]
    assert lines["Potongan (Rp)"].sum() == 10_000_000 - 7_000_000
    # dates stay dates underneath (shown "3 Februari 2025")
    assert [f"{d:%Y-%m-%d}" for d in lines["Tanggal"].tolist()[:2]] == ["2025-02-03", "2025-02-25"]
    # each line's legal basis is its policy row's (the column), with the rule id
    assert lines["Dasar hukum"].tolist() == [
        f"{BAND_BASIS} · R2",
        *[f"{TK_BASIS} · R2"] * 4,
        f"{WEIGHT_BASIS} · R3/R4",
    ]
    assert lines["Keterangan"].str.len().gt(0).all()
    assert personal_data_in(at, "ACDEFG") == []
    assert _audit_events(tmp_path) == []  # reading one's own statement is not audited


def test_waterfall_ends_exactly_at_net_tukin(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    waterfall = next(t for c in _charts(at) for t in c["data"] if t["type"] == "waterfall")
    assert waterfall["measure"][0] == "absolute" and waterfall["measure"][-1] == "total"
    assert waterfall["y"][0] == 10_000_000
    assert sum(waterfall["y"][:-1]) == 7_000_000  # Plotly's total is this running sum
    assert waterfall["text"][-1] == "Rp 7.000.000"
    # the causes in the release's words (dim_code_label); potential and net are the page's own
    assert waterfall["x"] == [
        "Tukin potensial",
        "Terlambat masuk",
        "Tanpa keterangan",
        "Capaian kinerja",
        "Tukin dibayar",
    ]


def test_attendance_calendar_colours_the_days(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    calendar = next(c for c in _charts(at) if c["data"][0]["type"] == "scatter")
    days = {trace["name"]: list(trace["text"]) for trace in calendar["data"]}
    assert days["TK (tanpa keterangan)"] == ["25", "26", "27", "28"]
    assert days["Hadir dengan TL/PSW"] == ["3"]  # TL2 on Monday 3 February
    assert len(days["Hadir"]) == 15
    assert len(days["Libur / tanpa penugasan"]) == 8  # the weekends of February 2025


def test_employee_cannot_open_another_statement(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    for nip in (NIP["A"], NIP["F"], "' OR 1=1 --"):
        open_page(at, "pegawai", {"nip": nip})
        assert not at.exception
        assert at.error[0].value.startswith("Akses ditolak")
        assert not at.metric and not at.dataframe
        assert personal_data_in(at, "ACDEFG") == []


def test_viewing_someone_else_is_audited_once(serving_dir: Path, tmp_path: Path) -> None:
    at = open_page(sign_in("menteri"), "pegawai")
    assert not at.metric  # nothing shown until an employee is picked
    at.selectbox(key="pegawai_nip").set_value(NIP["F"]).run()
    assert at.query_params["nip"] == NIP["F"]
    assert at.subheader[0].value == f"Fitri Handayani · NIP {NIP['F']}"
    at.run()  # a rerun of the same statement is not a new view
    events = _audit_events(tmp_path)
    assert [(e["action"], e["subject"], e["actor"], e["period"]) for e in events] == [
        ("view_statement", NIP["F"], "menteri", "2025-02")
    ]


def test_pdf_download_is_audited(serving_dir: Path, tmp_path: Path) -> None:
    at = sign_in("pegawai-b")
    button = at.download_button(key="download_pdf")
    assert button.label == "Unduh slip (PDF)"
    button.click().run()
    assert not at.exception
    events = _audit_events(tmp_path)
    assert [(e["action"], e["subject"], e["actor"]) for e in events] == [
        ("download_statement_pdf", NIP["B"], "pegawai-b")
    ]


def test_pdf_is_built_from_the_shown_rows(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = built_statements(monkeypatch)
    at = open_page(sign_in("pimpinan-setjen"), "pegawai", {"nip": NIP["D"]})
    assert not at.exception
    month, lines, document = built[-1]
    assert document.startswith(b"%PDF")
    assert month["nip"] == NIP["D"] and month["tukin_net_idr"] == 4_000_000
    assert lines["amount_idr"].sum() == 1_000_000
    # the TL4 line's cause in the release's words (dim_code_label), no longer the code
    text = pdf_text(document)
    for expected in ("Dewi Lestari", NIP["D"], "Rp 4.000.000", "Rp 1.000.000", "Terlambat"):
        assert expected in text, expected


def test_statement_in_english(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert titles(at) == ["Employee statement"]
    assert _metric(at, "Tukin paid") == "Rp 7,000,000"
    assert at.download_button(key="download_pdf").label == "Download statement (PDF)"


def test_statement_of_an_earlier_period(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    at.sidebar.selectbox(key="period").set_value("2025-01").run()
    assert at.query_params["period"] == "2025-01"
    assert _metric(at, "Tukin dibayar") == "Rp 8.000.000"
    assert EMPLOYEES["B"][1] in at.subheader[0].value


def test_search_keeps_the_open_statement(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "pegawai", {"nip": NIP["F"]})
    at.text_input(key="pegawai_search").input("Budi").run()
    assert not at.exception
    picker = at.selectbox(key="pegawai_nip")
    assert picker.options == [f"Fitri Handayani — {NIP['F']}", f"Budi Santoso — {NIP['A']}"]
    assert at.subheader[0].value.startswith("Fitri Handayani")
    picker.set_value(NIP["A"]).run()
    assert at.query_params["nip"] == NIP["A"]
    assert at.subheader[0].value.startswith("Budi Santoso")
