"""The data-quality page (Kualitas data) and the statement's quarantine warning, through the whole
app (AppTest) on the fixture release with its data-quality files (quality_fixture), plus the
publication of those files (eperf.serving) and the data layer's access rules."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import auth, data, downloads
from dashboards.lib.access import Role, scope_for
from dashboards.lib.data import quality
from dashboards.lib.i18n import STRINGS, reason_label
from eperf import serving
from eperf.audit import audit_path, data_events
from ingestion.quarantine import REASONS
from tests.dashboards.conftest import NIP, RELEASE_ID
from tests.dashboards.helpers import (
    APP,
    PAGE_FILES,
    built_statements,
    open_page,
    pdf_text,
    personal_data_in,
    rendered_text,
    sign_in,
    titles,
)
from tests.dashboards.quality_fixture import DETAILS, ROW_TEXTS, add_quality_files

WARNING_B_ID = (
    "Perhatian: 3 baris data sumber untuk bulan ini masih dikarantina (alasan: Waktu absen "
    "tidak valid, PIN tidak dikenal); angka bulan ini dapat berubah setelah data diperbaiki."
)
WARNING_B_EN = (
    "Attention: 3 source data rows for this month are still held in quarantine (reasons: "
    "Invalid punch time, Unknown PIN); this month's figures may change once the data is "
    "corrected."
)


@pytest.fixture
def quality_serving_dir(serving_dir: Path) -> Path:
    """The fixture release with the quarantine marts, the load log and the check results."""
    add_quality_files(serving_dir / serving.RELEASES / RELEASE_ID)
    return serving_dir


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _frame(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first dataframe with all of ``columns``."""
    return next(df.value for df in at.dataframe if set(columns) <= set(df.value.columns))


def _has_frame(at: AppTest, column: str) -> bool:
    return any(column in df.value.columns for df in at.dataframe)


def _audit(tmp_path: Path) -> list[dict]:
    path = audit_path(tmp_path / "data")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return data_events([json.loads(line) for line in lines])  # sign-ins left out


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


# --- ADMIN_DATA: everything --------------------------------------------------------------------
def test_admin_sees_the_quarantine_the_rows_and_the_marked_months(
    quality_serving_dir: Path,
) -> None:
    at = sign_in("admin")  # the data team's landing page
    assert not at.exception and titles(at) == ["Kualitas data"]
    assert _metric(at, "Baris ditahan") == "4"
    assert _metric(at, "Baris selesai") == "2"
    assert _metric(at, "Pegawai-bulan ditandai") == "2"
    assert _metric(at, "Pemeriksaan gagal") == "1 / 3"
    # the chart: one legend entry per reason, in words
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 1
    legend = {trace["name"] for trace in charts[0]["data"] if trace.get("showlegend", True)}
    assert legend == {
        "PIN tidak dikenal",
        "Waktu absen tidak valid",
        "Kode tidak diizinkan",
        "Tanggal akhir sebelum tanggal mulai",
        "Absen ganda",
    }
    # the table by source, table and reason: held / resolved, reasons as words with the code
    summary = _frame(at, "Alasan", "Ditahan", "Selesai").set_index("Alasan")
    assert summary.loc["PIN tidak dikenal (UNKNOWN_PIN)", "Ditahan"] == 2
    assert summary.loc["PIN tidak dikenal (UNKNOWN_PIN)", "Tabel"] == "device_export"
    assert summary.loc["PIN tidak dikenal (UNKNOWN_PIN)", "Sumber"] == "Mesin absensi"
    assert summary.loc["Tanggal akhir sebelum tanggal mulai (DATES_OUT_OF_ORDER)", "Selesai"] == 1
    assert summary["Ditahan"].sum() == 4 and summary["Selesai"].sum() == 2
    # the rows themselves, held first
    rows = _frame(at, "Teks baris")
    assert set(rows["Teks baris"]) == set(ROW_TEXTS)
    assert rows["Status"].tolist() == ["Ditahan"] * 4 + [
        "Selesai: dimuat",
        "Selesai: digantikan",
    ]
    assert set(DETAILS) <= set(rows["Rincian"])
    assert f"NIP {NIP['B']}" in set(rows["Menyangkut"])
    # the marked employee-months
    marked = _frame(at, "NIP", "Baris dikarantina").set_index("NIP")
    assert sorted(marked.index) == sorted([NIP["B"], NIP["F"]])
    assert marked.loc[NIP["B"], "Alasan"] == (
        "Waktu absen tidak valid (BAD_TIMESTAMP), PIN tidak dikenal (UNKNOWN_PIN)"
    )
    assert marked.loc[NIP["B"], "Unit"] == "Biro Umum"
    assert marked.loc[NIP["B"], "Baris dikarantina"] == 3
    # the latest checks only (the older failed run of the SIMPEG suite is gone), and the sample
    checks = _frame(at, "Rangkaian pemeriksaan", "Hasil").set_index("Rangkaian pemeriksaan")
    assert checks.loc["app__activity_report__warnings", "Hasil"] == "✗ Gagal"
    assert checks.loc["app__activity_report__warnings", "Jenis"] == "Peringatan"
    assert checks.loc["simpeg__employee__contract", "Hasil"] == "✓ Lulus"
    assert checks.loc["simpeg__employee__contract", "Jenis"] == "Pemblokir"
    failures = _frame(at, "Ekspektasi")
    assert failures["Ekspektasi"].tolist() == ["expect_column_values_to_be_in_set"]
    assert NIP["F"] in failures["Contoh nilai"].iloc[0]
    # freshness: the newest load of each source
    loads = _frame(at, "Baris dibaca", "Digabung").set_index("Sumber")
    assert loads.loc["SIMPEG (kepegawaian)", "Baris dibaca"] == 3  # batch b2, not b1
    assert loads.loc["SIMPEG (kepegawaian)", "Waktu muat"] == pd.Timestamp("2025-02-20 01:00")
    assert loads.loc["Mesin absensi", "Digabung"] == 47
    assert "12.500" in rendered_text(at)  # Indonesian thousands separator (12,500 in English)
    assert at.download_button(key="download_quarantined_rows") is not None
    assert at.download_button(key="download_marked_months") is not None


def test_admin_filters_the_quarantine_and_downloads_are_audited(
    quality_serving_dir: Path, tmp_path: Path
) -> None:
    at = sign_in("admin")
    at.multiselect(key="kualitas_reasons").set_value(["UNKNOWN_PIN"]).run()
    assert not at.exception
    rows = _frame(at, "Teks baris")
    assert len(rows) == 2 and set(rows["Alasan"]) == {"PIN tidak dikenal (UNKNOWN_PIN)"}
    assert len(_frame(at, "Alasan", "Ditahan")) == 1
    at.download_button(key="download_quarantined_rows").click().run()
    at.download_button(key="download_marked_months").click().run()
    assert not at.exception
    events = [(e["action"], e["actor"], e["role"], e["rows"]) for e in _audit(tmp_path)]
    assert events == [
        ("download_quarantined_rows", "admin", "ADMIN_DATA", 2),
        ("download_marked_months", "admin", "ADMIN_DATA", 2),
    ]
    assert _audit(tmp_path)[0]["reasons"] == ["UNKNOWN_PIN"]


def _csv(document: bytes) -> pd.DataFrame:
    assert document.startswith("\ufeff".encode())  # UTF-8 with BOM, for Excel
    return pd.read_csv(io.BytesIO(document), encoding="utf-8-sig", dtype=str)


def test_the_csv_files_hold_the_rows_in_words_for_the_data_team_only(
    quality_serving_dir: Path,
) -> None:
    release = data.current_release(quality_serving_dir)
    admin = scope_for(Role.ADMIN_DATA, None, None)
    rows = _csv(downloads.quarantined_rows_csv(release, admin, ((), (), ()), "id"))
    assert list(rows.columns) == [
        *downloads.QUARANTINE_CSV_COLUMNS,
        *("rule_set", "release_id", "run_id", "published_at"),
    ]
    assert len(rows) == 6 and set(rows["release_id"]) == {RELEASE_ID}
    assert rows["state"].tolist() == ["HELD"] * 4 + ["RESOLVED"] * 2
    assert set(rows["raw_text"]) == set(ROW_TEXTS)
    assert "PIN tidak dikenal" in set(rows["reason_label"])
    only_pins = downloads.quarantined_rows_csv(release, admin, ((), (), ("UNKNOWN_PIN",)), "en")
    assert set(_csv(only_pins)["reason_label"]) == {"Unknown PIN"}
    months = _csv(downloads.marked_months_csv(release, admin, "id")).set_index("nip")
    assert months.loc[NIP["B"], "reasons_label"] == "Waktu absen tidak valid, PIN tidak dikenal"
    menteri = scope_for(Role.MENTERI, None, None)  # the SQL returns them no row: a header only
    assert _csv(downloads.quarantined_rows_csv(release, menteri, ((), (), ()), "id")).empty
    assert _csv(downloads.marked_months_csv(release, menteri, "id")).empty


def test_a_formula_like_row_text_is_neutralised_in_the_csv(quality_serving_dir: Path) -> None:
    release = data.current_release(quality_serving_dir)
    frame = pd.DataFrame({"raw_text": ["=HYPERLINK(1)", "-1,2", "KMS,1"]})
    table = _csv(downloads.quality_csv(release, frame, ("raw_text",)))
    assert table["raw_text"].tolist() == ["'=HYPERLINK(1)", "'-1,2", "KMS,1"]


def test_page_in_english(quality_serving_dir: Path) -> None:
    at = sign_in("admin")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception and titles(at) == ["Data quality"]
    summary = _frame(at, "Reason", "Held")
    assert "Unknown PIN (UNKNOWN_PIN)" in set(summary["Reason"])
    assert _metric(at, "Rows held") == "4"
    assert "12,500" in rendered_text(at) and "12.500" not in rendered_text(at)


# --- MENTERI: aggregates only -------------------------------------------------------------------
def test_menteri_sees_aggregates_but_no_row_text_and_no_nip(quality_serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "kualitas")
    assert not at.exception and titles(at) == ["Kualitas data"]
    assert _metric(at, "Baris ditahan") == "4"
    assert len(at.get("plotly_chart")) == 1
    summary = _frame(at, "Alasan", "Ditahan")
    assert summary["Ditahan"].sum() == 4
    by_period = _frame(at, "Pegawai-bulan").set_index("Periode")
    assert by_period.loc["2025-02", "Pegawai-bulan"] == 2
    assert _has_frame(at, "Hasil")  # the checks
    assert _has_frame(at, "Baris dibaca")  # the loads
    assert "hanya untuk tim data" in rendered_text(at)
    text = rendered_text(at)
    assert [s for s in (*ROW_TEXTS, *DETAILS) if s in text] == []
    assert personal_data_in(at) == []  # no NIP (rows, marked months, check sample), no name
    assert not _has_frame(at, "Teks baris") and not _has_frame(at, "NIP")
    assert not _has_frame(at, "Contoh nilai")
    assert not at.get("download_button")


def test_the_data_layer_gives_rows_and_nips_to_the_data_team_only(
    quality_serving_dir: Path,
) -> None:
    release = data.current_release(quality_serving_dir)
    admin = scope_for(Role.ADMIN_DATA, None, None)
    assert len(quality.quarantined_rows(release, admin)) == 6
    assert len(quality.marked_months(release, admin)) == 2
    for role, unit, nip in (
        (Role.MENTERI, None, None),
        (Role.PIMPINAN, "SETJEN", None),
        (Role.PEGAWAI, None, NIP["B"]),
        (Role.EVALUATOR_RB, "KEMENSOS", None),
    ):
        scope = scope_for(role, unit, nip)
        assert quality.quarantined_rows(release, scope).empty, role
        assert quality.marked_months(release, scope).empty, role
        assert quality.check_failures(release, scope)["unexpected_sample"].isna().all()
        if role != Role.MENTERI:  # no data-quality page: not even the counts
            assert quality.quarantine_by_day(release, scope).empty, role
            assert quality.latest_checks(release, scope).empty, role
            assert quality.loads_by_source(release, scope).empty, role
            assert quality.marked_months_by_period(release, scope).empty, role


# --- other roles: no page -----------------------------------------------------------------------
@pytest.mark.parametrize("username", ["pegawai-b", "pimpinan-setjen", "evaluator"])
def test_other_roles_cannot_open_the_page(quality_serving_dir: Path, username: str) -> None:
    at = sign_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE_FILES["kualitas"])
    direct = AppTest.from_file(str(APP.parent / PAGE_FILES["kualitas"]), default_timeout=30)
    direct.session_state[auth.USER_KEY] = username
    direct.session_state[auth.LAST_SEEN_KEY] = time.time()
    direct.run()
    assert not direct.exception
    assert [e.value for e in direct.error] == [
        "Akses ditolak: peran Anda tidak dapat membuka halaman ini."
    ]
    assert not direct.metric and not direct.dataframe and not direct.get("plotly_chart")
    text = rendered_text(direct)
    assert [s for s in ROW_TEXTS if s in text] == []


def test_a_release_without_the_quality_files_still_serves_the_page(serving_dir: Path) -> None:
    at = sign_in("admin")
    assert not at.exception and titles(at) == ["Kualitas data"]
    assert _metric(at, "Baris ditahan") == "0"
    assert "Rilis ini belum memuat data karantina." in rendered_text(at)
    assert "Rilis ini belum memuat hasil pemeriksaan." in rendered_text(at)


# --- the statement's warning --------------------------------------------------------------------
def test_statement_warns_for_a_marked_month_and_not_for_an_unmarked_one(
    quality_serving_dir: Path,
) -> None:
    at = sign_in("pegawai-b")  # lands on the statement of the latest period, 2025-02
    assert not at.exception and titles(at) == ["Slip pegawai"]
    assert _warnings(at) == [WARNING_B_ID]
    text = rendered_text(at)
    assert [s for s in (*ROW_TEXTS, *DETAILS) if s in text] == []  # the reasons, not the rows
    at.sidebar.selectbox(key="period").set_value("2025-01").run()
    assert not at.exception
    assert _warnings(at) == []
    at.sidebar.selectbox(key="period").set_value("2025-02").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert _warnings(at) == [WARNING_B_EN]


def test_statement_of_one_quarantined_row_seen_by_the_minister(quality_serving_dir: Path) -> None:
    at = open_page(sign_in("menteri"), "pegawai", {"nip": NIP["F"], "period": "2025-02"})
    assert not at.exception
    assert _warnings(at) == [
        "Perhatian: 1 baris data sumber untuk bulan ini masih dikarantina (alasan: Kode tidak "
        "diizinkan); angka bulan ini dapat berubah setelah data diperbaiki."
    ]
    open_page(at, "pegawai", {"nip": NIP["A"], "period": "2025-02"})
    assert _warnings(at) == []


def test_statement_pdf_carries_the_warning(
    quality_serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = built_statements(monkeypatch)
    at = sign_in("pegawai-b")
    text = pdf_text(built[-1][2])
    assert "Perhatian: 3 baris data sumber untuk bulan ini masih dikarantina" in text
    assert "PIN tidak dikenal" in text
    assert not [s for s in ROW_TEXTS if s in text]
    at.sidebar.selectbox(key="period").set_value("2025-01").run()
    assert "Perhatian" not in pdf_text(built[-1][2])


def test_a_release_without_the_quarantine_columns_shows_no_warning(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    assert not at.exception and _warnings(at) == []


# --- words for every reason, and the publication -----------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_quarantine_reason_has_words(lang: str) -> None:
    for code in REASONS:
        assert f"qreason_{code}" in STRINGS, code
        words = reason_label(code, lang)
        assert words and code not in words, code
    assert reason_label("SOMETHING_NEW", lang).endswith("(SOMETHING_NEW)")
    assert reason_label("SOMETHING_NEW", lang) != "SOMETHING_NEW"


def _warehouse(path: Path, with_quality: bool) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_quarantined_rows as select 'b1' as batch_id, "
            "'app' as source, 'leave_request' as source_object, 'BAD_ENUM' as reason"
        )
        con.execute(
            "create table marts.fct_marked_employee_months as select '1' as nip, "
            "'2025-02' as period"
        )
        if with_quality:
            con.execute(
                "create schema quality; create table quality.load_batches as "
                "select 'b1' as batch_id, 'app' as source, 10 as rows_in"
            )
            con.execute(
                "create schema raw; create table raw.data_quality_results as select * from "
                "(values ('s1', false, timestamp '2025-02-01 01:00'), "
                "('s1', true, timestamp '2025-02-02 01:00'), "
                "('s2', false, timestamp '2025-02-01 01:00'), "
                "('s2', false, timestamp '2025-02-01 01:00')) t(suite, success, validated_at)"
            )
    return path


def test_publication_carries_the_load_log_and_the_latest_check_results(tmp_path: Path) -> None:
    marts = ("fct_quarantined_rows", "fct_marked_employee_months")
    assert set(marts) <= set(serving.PUBLISHED_MARTS)
    serving_dir = tmp_path / "serving"
    warehouse = _warehouse(tmp_path / "w.duckdb", with_quality=True)
    manifest = serving.publish(warehouse, serving_dir, "run-1", "kemensos-2024", marts=marts)
    assert manifest["row_counts"] == {"fct_quarantined_rows": 1, "fct_marked_employee_months": 1}
    assert manifest["quality_row_counts"] == {"load_batches": 1, "check_results": 3}
    release = serving.current_release_dir(serving_dir)
    checks = serving.quality_source(release, "check_results")
    latest = duckdb.sql(f"select suite, success from read_parquet('{checks}') order by all")
    assert latest.fetchall() == [("s1", True), ("s2", False), ("s2", False)]
    # a warehouse before its first load: the marts only, and readers find no quality file
    bare = _warehouse(tmp_path / "bare.duckdb", with_quality=False)
    manifest = serving.publish(bare, serving_dir, "run-2", "kemensos-2024", marts=marts)
    assert manifest["quality_row_counts"] == {}
    release = serving.current_release_dir(serving_dir)
    assert serving.quality_source(release, "load_batches") is None
