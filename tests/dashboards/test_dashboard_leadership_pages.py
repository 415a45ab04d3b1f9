"""The leadership pages (Kedisiplinan, Kinerja, Beban Kerja, Promosi, Indikator RB) through the
whole app (AppTest): per page and role, a unit head held to its subtree whatever the URL says,
and no NIP or name ever shown to EVALUATOR_RB or PERENCANA."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib.access import ROLE_PAGES, PageId, Role
from eperf.audit import audit_path, data_events
from tests.dashboards.conftest import ACCOUNTS, EMPLOYEES, NIP, RELEASE_ID
from tests.dashboards.helpers import open_page, personal_data_in, rendered_text, sign_in, titles
from tests.dashboards.labels_fixture import CODES

LEADERSHIP_PAGES = ("kedisiplinan", "kinerja", "beban_kerja", "promosi", "indikator_rb")
NIP_LIKE = re.compile(r"(?<!\d)\d{18}(?!\d)")
OTHER_UNIT_NAMES = ("Rehabilitasi", "Rehsos", "Kementerian Sosial")
HOSTILE = ("REHSOS", "DIT_ANAK", "KEMENSOS", "REHSOSX", "' OR 1=1 --", "KEMENSOS/%", "%")


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _frame(at: AppTest, column: str):
    """The first dataframe with ``column``."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _audit(tmp_path: Path) -> list[dict]:
    path = audit_path(tmp_path / "data")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return data_events([json.loads(line) for line in lines])  # sign-ins left out


def _allowed(username: str) -> list[str]:
    role = ACCOUNTS[username][0]
    return [p.value for p in ROLE_PAGES[role] if p.value in LEADERSHIP_PAGES]


def test_role_access_to_the_leadership_pages() -> None:
    expected = {
        Role.MENTERI: set(LEADERSHIP_PAGES),
        Role.PIMPINAN: set(LEADERSHIP_PAGES),
        Role.PERENCANA: {"beban_kerja"},
        Role.EVALUATOR_RB: set(LEADERSHIP_PAGES),
        Role.PEGAWAI: set(),
        Role.ADMIN_DATA: set(),
    }
    for role, pages in expected.items():
        assert {p.value for p in ROLE_PAGES[role]} & set(LEADERSHIP_PAGES) == pages, role
    assert ROLE_PAGES[Role.PERENCANA][:2] == (PageId.RINGKASAN, PageId.TELUSURI)


# --- per page ---------------------------------------------------------------------------------


def test_kedisiplinan_for_the_minister(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "kedisiplinan")
    assert not at.exception and titles(at) == ["Kedisiplinan"]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    heatmap = charts[0]["data"][0]
    assert heatmap["type"] == "heatmap" and heatmap["y"] == ["Sen", "Sel", "Rab", "Kam", "Jum"]
    units = _frame(at, "Jumlah TL")
    biro = units[units["Unit"] == "Biro Umum"].iloc[0]
    assert (biro["Jumlah TL"], biro["Jumlah PSW"], biro["Hari TK"]) == (3, 2, 7)
    referrals = _frame(at, "Rekomendasi hukuman")
    assert sorted(referrals["Nama"]) == ["Dewi Lestari", "Fitri Handayani", "Siti Rahmawati"]


def test_kedisiplinan_for_the_evaluator_is_aggregate(serving_dir: Path) -> None:
    at = open_page(sign_in("evaluator"), "kedisiplinan")
    assert not at.exception
    text = rendered_text(at)
    assert "Unit dengan kurang dari 5 pegawai tidak ditampilkan" in text
    assert "Daftar per pegawai tidak ditampilkan" in text
    pivot = _frame(at, "Teguran tertulis")  # the sanction in the release's words
    assert pivot["Unit"].tolist() == ["Biro Umum"]  # Direktorat Rehsos Anak (2) left out
    units = _frame(at, "Jumlah TL").set_index("Unit")
    assert pd.isna(units.loc["Direktorat Rehsos Anak", "Jumlah TL"])
    assert units.loc["Direktorat Rehsos Anak", "Jumlah pegawai"] == 2


def test_kinerja_pattern_check_and_flags(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "kinerja")
    assert not at.exception and titles(at) == ["Kinerja"]
    pattern = _frame(at, "Sesuai pola").set_index("Unit")
    assert pattern.loc["Sekretariat Jenderal", "Sesuai pola"] == "Ya"
    assert pattern.loc["Sekretariat Jenderal", "Ketentuan terpenuhi"] == "3/3"
    assert pattern.loc["Ditjen Rehabilitasi Sosial", "Sesuai pola"] == "Tidak"
    flags = _frame(at, "Tanda").fillna("")
    assert sorted(flags["NIP"]) == sorted(["", NIP["A"], NIP["G"]])
    texts = rendered_text(at)
    assert "Ketepatan waktu verifikasi atasan" in texts


def test_kinerja_for_a_unit_head(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-setjen"), "kinerja")
    assert not at.exception
    assert _frame(at, "Tanda")["NIP"].tolist() == [NIP["A"]]
    assert personal_data_in(at, "FG") == []


def test_beban_kerja_table_and_what_if(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "beban_kerja")
    assert not at.exception and titles(at) == ["Beban kerja"]
    units = _frame(at, "EJ").set_index("Unit")
    assert units.loc["Biro Umum", "EJ"] == 1.2
    # verdicts in words, provisional while 2025-02 is open (dim_period)
    assert units.loc["Direktorat Rehsos Anak", "Status"] == "Kelebihan pegawai (sementara)"
    assert _metric(at, "Kurang pegawai (sementara)") == "1"
    assert _metric(at, "Kelebihan pegawai (sementara)") == "1"
    kinds = [json.loads(c.proto.spec)["data"][0]["type"] for c in at.get("plotly_chart")]
    assert kinds[:2] == ["heatmap", "bar"]  # EJ by month, then the projection
    at.selectbox(key="what_if_from").set_value("DIT_ANAK").run()
    at.selectbox(key="what_if_to").set_value("BIRO_UMUM").run()
    at.number_input(key="what_if_fte").set_value(1.0).run()
    assert not at.exception
    result = _frame(at, "Status sesudah").set_index("Unit")
    assert result.loc["Direktorat Rehsos Anak", "Status sesudah"] == "Kurang pegawai (sementara)"
    assert result.loc["Biro Umum", "Status sesudah"] == "Sesuai kebutuhan (sementara)"
    assert result.loc["Biro Umum", "EJ sesudah"] == pytest.approx(1.0)


def test_beban_kerja_for_a_planner_of_one_unit(serving_dir: Path) -> None:
    at = open_page(sign_in("perencana-setjen"), "beban_kerja")
    assert not at.exception
    assert _frame(at, "EJ")["Unit"].tolist() == ["Biro Umum"]
    assert "Perlu minimal dua unit" in rendered_text(at)  # nothing to move FTE between
    at.segmented_control(key="beban_staff_scope").set_value("SUBTREE").run()
    assert not at.exception
    assert _frame(at, "EJ")["Unit"].tolist() == ["Sekretariat Jenderal", "Biro Umum"]


def test_promosi_counts_radar_and_list(serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "promosi")
    assert not at.exception and titles(at) == ["Promosi"]
    assert _metric(at, "Memenuhi syarat") == "2"
    assert _metric(at, "Segera memenuhi syarat") == "1"
    assert _metric(at, "Terhambat") == "4"
    radar = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [trace["type"] for trace in radar] == ["bar"] * 7  # one panel per reason, no radar
    assert len(_frame(at, "Alasan")) == 7
    at.segmented_control(key="promotion_status").set_value("BLOCKED").run()
    blocked = ["Agus Pratama", "Eko Saputra", "Fitri Handayani", "Siti Rahmawati"]
    assert sorted(_frame(at, "Alasan")["Nama"]) == blocked


def test_promosi_for_the_evaluator_has_no_list(serving_dir: Path) -> None:
    at = open_page(sign_in("evaluator"), "promosi")
    assert not at.exception
    assert "Daftar per pegawai tidak ditampilkan" in rendered_text(at)
    assert not at.segmented_control


def test_indikator_rb_download_is_audited(serving_dir: Path, tmp_path: Path) -> None:
    at = open_page(sign_in("evaluator"), "indikator_rb")
    assert not at.exception and titles(at) == ["Indikator RB"]
    indicators = _frame(at, "Kode indikator").set_index("Kode indikator")
    assert float(indicators.loc["RB_REALISASI_TUKIN", "Nilai (%)"]) == 87.5  # 35 M of 40 M
    at.selectbox(key="indikator_unit").set_value("REHSOS").run()
    rehsos = _frame(at, "Kode indikator")
    assert rehsos["Nilai (%)"].isna().all()  # 2 employees: suppressed
    for fmt in ("xlsx", "csv"):
        at.download_button(key=f"download_rb_{fmt}").click().run()
        assert not at.exception
    events = [(e["action"], e["actor"], e["format"], e["rows"]) for e in _audit(tmp_path)]
    assert events == [
        ("download_rb_indicators", "evaluator", "xlsx", 20),
        ("download_rb_indicators", "evaluator", "csv", 20),
    ]  # 5 unit subtrees with rows in 2025-02 × 4 indicators


def test_pages_switch_to_english(serving_dir: Path) -> None:
    at = sign_in("menteri")
    at.sidebar.radio(key="lang").set_value("en").run()
    for page, title in (
        ("kedisiplinan", "Discipline"),
        ("kinerja", "Performance"),
        ("beban_kerja", "Workload"),
        ("promosi", "Promotion"),
        ("indikator_rb", "Reform indicators"),
    ):
        open_page(at, page)
        assert not at.exception, page
        assert titles(at) == [title]
    assert "Download XLSX" in rendered_text(at)


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", LEADERSHIP_PAGES)
def test_unit_head_cannot_reach_another_unit_by_any_param(serving_dir: Path, page: str) -> None:
    at = sign_in("pimpinan-setjen")
    for value in HOSTILE:
        params = {
            "unit": value,
            "nip": NIP["F"],
            "parent": value,
            "period": "2025-02",
            "staff_scope": value,
        }
        open_page(at, page, params)
        assert not at.exception, (page, value)
        text = rendered_text(at)
        for name in OTHER_UNIT_NAMES:
            assert name not in text, (page, value, name)
        assert personal_data_in(at, "FGH") == [], (page, value)


@pytest.mark.parametrize("username", ["evaluator", "perencana-setjen"])
def test_aggregate_roles_never_see_a_nip_or_a_name_on_any_page(
    serving_dir: Path, username: str
) -> None:
    role = ACCOUNTS[username][0]
    at = sign_in(username)
    names = [name for _, name in EMPLOYEES.values()]
    seen: list[str] = []
    for period in ("2025-01", "2025-02"):
        at.sidebar.selectbox(key="period").set_value(period).run()
        for page in ROLE_PAGES[role]:
            open_page(at, page.value)
            assert not at.exception, (page, period)
            runs = [rendered_text(at)]
            if page == PageId.BEBAN_KERJA:
                at.segmented_control(key="beban_staff_scope").set_value("SUBTREE").run()
                runs.append(rendered_text(at))
            if page == PageId.INDIKATOR_RB:
                for unit in ("KEMENSOS", "SETJEN", "BIRO_UMUM", "REHSOS", "DIT_ANAK"):
                    at.selectbox(key="indikator_unit").set_value(unit).run()
                    assert not at.exception, unit
                    runs.append(rendered_text(at))
            for text in runs:
                seen += NIP_LIKE.findall(text)
                seen += [name for name in names if name in text]
    assert seen == []


def test_the_scan_finds_nips_and_names_where_they_are_shown(serving_dir: Path) -> None:
    """The check above can fail: the same scan sees the referred employees of the minister."""
    text = rendered_text(open_page(sign_in("menteri"), "kedisiplinan"))
    assert set(NIP_LIKE.findall(text)) >= {NIP["B"], NIP["D"], NIP["F"]}
    assert "Siti Rahmawati" in text


def test_beban_kerja_shows_the_marts_verdicts(serving_dir: Path) -> None:
    """The PJ band and verdict shown are fct_staffing_adequacy's own, before and after a
    what-if of nothing: no band logic in Python (R6)."""
    release = serving_dir / "releases" / RELEASE_ID
    mart = pd.read_parquet(release / "fct_staffing_adequacy.parquet")
    names = pd.read_parquet(release / "dim_org_unit.parquet").set_index("unit_id")["unit_name"]
    months = mart[(mart["period_grain"] == "MONTH") & (mart["scope"] == "DIRECT")]
    latest = months[months["period"] == months["period"].max()]
    # the verdict in the release's words (dim_code_label), provisional: 2025-02 is open
    words = {code: f"{label_id} (sementara)" for code, (label_id, _) in CODES["verdict"].items()}
    expected = {names[r.unit_id]: (r.pj_band, words[r.verdict]) for r in latest.itertuples()}
    at = open_page(sign_in("menteri"), "beban_kerja")
    assert not at.exception
    shown = _frame(at, "EJ")
    bands = zip(shown["PJ"], shown["Status"], strict=True)
    assert dict(zip(shown["Unit"], bands, strict=True)) == expected
    at.number_input(key="what_if_fte").set_value(0.0).run()
    assert not at.exception
    what_if = _frame(at, "Status sesudah")
    for row in what_if.itertuples(index=False):
        unit, before, after = row[0], row[1], row[2]
        assert before == after == expected[unit][1]
    dashboards = Path(__file__).parents[2] / "dashboards"
    band_terms = ("min_ej", "max_ej", "min_inclusive", "max_inclusive")
    python = [p for p in dashboards.rglob("*.py") if any(t in p.read_text() for t in band_terms)]
    assert python == []
