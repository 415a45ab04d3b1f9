"""AppTest smoke tests of the overview (streamlit_app.py → app_pages/ringkasan.py), signed in
as the minister, and the same page scoped for a unit head."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.dashboards.helpers import personal_data_in, sign_in, titles


def _metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_overview_shows_latest_period_kpis(serving_dir: Path) -> None:
    at = sign_in("menteri")
    assert titles(at) == ["Ringkasan"]
    assert at.sidebar.selectbox(key="period").value == "2025-02"
    metrics = _metrics(at)
    assert len(metrics) == 8
    assert metrics["Jumlah pegawai"] == ("7", "+1")
    assert metrics["Tingkat kehadiran"] == ("95,0%", "-2,5 poin")
    assert metrics["Tingkat TK"] == ("5,0%", "+2,5 poin")
    assert metrics["Jumlah TL"][0] == "3"
    assert metrics["Jumlah PSW"][0] == "2"
    assert metrics["Rata-rata capaian"][0] == "100,0%"
    assert metrics["Realisasi tukin"] == ("87,5%", "-2,5 poin")
    assert metrics["Total tukin dibayar"] == ("Rp 35 jt", "-Rp 1 jt")  # tiles: money abbreviated
    assert not at.info


def test_overview_tables_and_footer(serving_dir: Path) -> None:
    at = sign_in("menteri")
    subunits, attention = (element.value for element in at.dataframe)
    assert subunits["Unit"].tolist() == ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"]
    assert attention["Unit"].tolist() == ["Biro Umum"]
    assert attention["Unit Eselon I"].tolist() == ["Sekretariat Jenderal"]
    footer = at.main.caption[-1].value
    assert "kemensos-2024" in footer
    assert "2025-03-01 08:30" in footer
    assert personal_data_in(at) == []  # aggregates only, even for the minister


def test_overview_is_scoped_for_a_unit_head(serving_dir: Path) -> None:
    at = sign_in("pimpinan-setjen")
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Jumlah pegawai"] == ("5", "0")
    assert metrics["Tingkat kehadiran"][0] == "93,0%"
    assert metrics["Total tukin dibayar"][0] == "Rp 30 jt"  # tiles: money abbreviated
    assert at.dataframe[0].value["Unit"].tolist() == ["Biro Umum"]
    assert "Ditjen Rehabilitasi Sosial" not in "".join(c.value for c in at.main.caption)
    assert "Rehsos" not in at.dataframe[0].value.to_csv()


def test_selecting_the_first_period(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.selectbox(key="period").set_value("2025-01").run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Jumlah pegawai"][0] == "6"
    assert metrics["Realisasi tukin"][0] == "90,0%"
    assert metrics["Realisasi tukin"][1] in ("", None)  # no earlier period to compare with


def test_switching_to_english(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert titles(at) == ["Summary"]
    metrics = _metrics(at)
    assert metrics["Headcount"] == ("7", "+1")
    assert metrics["Tukin realisation"] == ("87.5%", "-2.5 pp")
    assert metrics["Total tukin paid"][0] == "Rp 35 m"
    assert "Jumlah pegawai" not in metrics


def test_language_switch_keeps_the_period(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.selectbox(key="period").set_value("2025-01").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    at.run()  # a later rerun keeps both choices
    assert not at.exception
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.sidebar.selectbox(key="period").value == "2025-01"
    assert _metrics(at)["Headcount"][0] == "6"


def test_nothing_published_shows_friendly_info(empty_serving_dir: Path) -> None:
    at = sign_in("menteri")
    assert len(at.info) == 1
    assert "eperf run" in at.info[0].value
    assert "Belum ada data" in at.info[0].value
    assert not at.metric
    assert not at.sidebar.selectbox


def test_release_without_rows_shows_friendly_info(serving_dir: Path) -> None:
    release = next((serving_dir / "releases").iterdir())
    for mart in ("fct_employee_monthly", "fct_unit_monthly"):
        path = release / f"{mart}.parquet"
        pd.read_parquet(path).iloc[0:0].to_parquet(path, index=False)
    at = sign_in("menteri")
    assert len(at.info) == 1
    assert not at.metric
