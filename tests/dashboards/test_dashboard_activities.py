"""What each person did (R3 activity reports) through the whole app (AppTest): the statement's
Aktivitas, Tim saya for a unit head, and the output volumes of the Output & Anggaran page, with
who may see which rows (activities_fixture's hand-made reports).

The hand-computed figures: Siti (pegawai-b) in February 2025 has 16 approved reports of 300
minutes (capaian 80 % of the 6,000-minute target → 4,800 credited minutes) and four that credit
nothing: one awaiting review, one rejected, one deleted, one on a TK day. Biro Umum's head (Budi)
has two reports waiting: Dewi's of 4 February (24 days at 28 February) and Siti's of 6 February.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import activities
from dashboards.lib.access import PageId, Role, Scope, pages_for
from dashboards.lib.data import activities as activity_data
from dashboards.lib.data import current_release
from eperf.audit import audit_path, data_events
from tests.dashboards.conftest import NIP
from tests.dashboards.helpers import (
    built_statements,
    open_page,
    pdf_text,
    personal_data_in,
    rendered_text,
    sign_in,
)


def _activity_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Menit diklaim" in d.value.columns)


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _audit(tmp_path: Path) -> list[tuple]:
    path = audit_path(tmp_path / "data")
    if not path.exists():
        return []
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(e["action"], e["subject"], e["actor"], e["period"]) for e in data_events(events)]


# --- the statement's Aktivitas ---------------------------------------------------------------


def test_employee_sees_what_she_did_and_why_minutes_differ(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    assert not at.exception
    reports = _activity_table(at)
    assert len(reports) == 20  # 16 approved + pending + rejected + deleted + TK day
    assert reports["Menit diakui"].sum() == 16 * 300 == 4_800
    assert reports["Menit diklaim"].sum() == 16 * 300 + 120 + 60 + 180 + 240
    differ = reports[reports["Sebab selisih"].notna()]
    assert sorted(differ["Sebab selisih"]) == [
        "DIHAPUS",
        "DITOLAK",
        "HARI_TK",
        "MENUNGGU_VERIFIKASI",
    ]
    assert (differ["Menit diakui"] == 0).all()
    assert reports["Output"].iloc[0] == "5 surat"
    # the words, not the codes, are what the table shows
    text = rendered_text(at)
    for words in ("Menunggu verifikasi", "Ditolak", "Dihapus", "Hari TK", "Disetujui"):
        assert words in text, words
    # her own texts, nobody else's
    assert "Surat undangan rapat koordinasi" in text
    assert "Uraian kegiatan A" not in text and "Asesmen menunggu D" not in text
    assert personal_data_in(at, "ACDEFG") == []
    # the reports add up to the capaian's input: 4,800 of the 6,000-minute target = 80 %
    assert (
        "Jumlah menit diakui dari 19 laporan: 4.800 menit, sama dengan menit diakui pada "
        "capaian (4.800 menit dari target 6.000 menit)." in [c.value for c in at.caption]
    )
    assert not at.warning


def test_minutes_per_day_against_the_rule_rows(serving_dir: Path) -> None:
    at = sign_in("pegawai-b")
    chart = next(c for c in _charts(at) if any(t.get("name") == "Batas harian" for t in c["data"]))
    series = {t["name"]: t["y"] for t in chart["data"]}
    assert sum(series["Menit diakui"]) == 4_800
    # claimed and not credited: 120 + 60 + 240 (the deleted report is not a claim any more)
    assert sum(series["Diklaim, tidak diakui"]) == 420
    assert set(series["Target harian"]) == {300} and set(series["Batas harian"]) == {660}
    assert len(series["Menit diakui"]) == 28  # every day of February 2025
    caption = next(c.value for c in at.caption if c.value.startswith("Garis:"))
    assert "target harian 300 menit" in caption and "batas harian 660 menit" in caption
    assert "Perka BKN 19/2011" in caption  # the regulation of the rule row, not a code


def test_supervisor_reads_the_statement_activities(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-setjen"), "pegawai", {"nip": NIP["D"]})
    assert not at.exception
    reports = _activity_table(at)
    assert reports["Menit diakui"].sum() == 90 * 60  # capaian 90 → 5,400 minutes
    assert "Asesmen menunggu D" in rendered_text(at)  # the description, for the head above her


def test_statement_pdf_lists_the_activities(
    serving_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = built_statements(monkeypatch)
    at = sign_in("pegawai-b")
    assert not at.exception
    text = pdf_text(built[-1][2])
    for expected in (
        "Aktivitas",
        "Menyusun surat dinas",
        "Menunggu verifikasi",
        "Hari TK",
        "Jumlah menit diakui dari 19 laporan: 4.800 menit",
        "batas harian 660 menit",
    ):
        assert expected in text, expected
    assert "MENUNGGU_VERIFIKASI" not in text


# --- Tim saya ------------------------------------------------------------------------------------


def test_unit_head_sees_the_team_and_the_review_queue(serving_dir: Path, tmp_path: Path) -> None:
    at = open_page(sign_in("pimpinan-setjen"), "tim")
    assert not at.exception
    team, backlog, pending, top = (d.value for d in at.dataframe)
    # Biro Umum's five, most reports waiting first, then the lowest capaian
    assert team["Nama"].tolist() == [
        "Siti Rahmawati",
        "Dewi Lestari",
        "Budi Santoso",
        "Eko Saputra",
        "Agus Pratama",
    ]
    siti = team.iloc[0]
    assert (siti["Menunggu verifikasi"], siti["Ditolak"], siti["Laporan diajukan"]) == (1, 1, 19)
    assert siti["Menit diakui"] == 4_800 and siti["Capaian kinerja"] == 80.0
    assert siti["Output diakui"] == "40 surat, 24 klien"  # 8 × 5 letters, 8 × 3 clients
    # the queue per supervisor, longest wait first: Budi has Dewi's (24 days) and Siti's
    head = backlog.iloc[0]
    assert head["Atasan penilai"] == "Budi Santoso"
    assert (head["Menunggu verifikasi"], head["Laporan tertua menunggu (hari)"]) == (2, 24)
    assert pending["Nama"].tolist() == ["Dewi Lestari", "Siti Rahmawati"]
    assert top["Kegiatan"].iloc[0] == "Menyusun surat dinas"
    assert personal_data_in(at, "FG") == []  # Direktorat Rehsos Anak is not her subtree
    at.run()  # a rerun is not a new view
    assert _audit(tmp_path) == [("view_team", "SETJEN", "pimpinan-setjen", "2025-02")]


def test_unit_head_cannot_open_another_units_team(serving_dir: Path) -> None:
    at = open_page(sign_in("pimpinan-rehsos"), "tim", {"unit": "BIRO_UMUM"})
    assert not at.exception
    assert at.error[0].value.startswith("Akses ditolak")
    assert not at.dataframe
    assert personal_data_in(at, "ABCDE") == []


@pytest.mark.parametrize("role", [Role.PERENCANA, Role.EVALUATOR_RB, Role.PEGAWAI, Role.ADMIN_DATA])
def test_team_page_is_only_for_heads(role: Role) -> None:
    assert PageId.TIM not in pages_for(role)  # its data functions deny them too (below)


# --- what the ministry produced (Output & Anggaran) ---------------------------------------------


# Credited reports only, half letters (5 each) and half clients (3 each): Biro Umum's five have
# 20 + 16 + 24 + 18 + 22 = 100 in February, one of Eko's being the only "program kerja";
# Direktorat Rehsos Anak's two have 20 + 20.
SETJEN_VOLUMES = {"Menyusun surat dinas": 5 * 50, "Asesmen klien rehabilitasi": 3 * 49}
MINISTRY_VOLUMES = {"Menyusun surat dinas": 5 * 70, "Asesmen klien rehabilitasi": 3 * 69}


@pytest.mark.parametrize(
    ("username", "unit", "expected"),
    [
        ("menteri", "KEMENSOS", MINISTRY_VOLUMES | {"Menyusun program kerja": 1}),
        # one person's activity shows no figure to an aggregate-only role, and comes last
        ("perencana-setjen", "SETJEN", SETJEN_VOLUMES | {"Menyusun program kerja": None}),
        ("evaluator", "KEMENSOS", MINISTRY_VOLUMES | {"Menyusun program kerja": None}),
    ],
)
def test_volumes_are_aggregates_without_people(
    serving_dir: Path, username: str, unit: str, expected: dict
) -> None:
    at = open_page(sign_in(username), "output", {"unit": unit})
    assert not at.exception
    volumes = next(d.value for d in at.dataframe if "Satuan" in d.value.columns)
    shown = {
        name: None if pd.isna(value) else value
        for name, value in zip(volumes["Kegiatan"], volumes["Volume"], strict=True)
    }
    assert shown == expected
    assert volumes["Kegiatan"].iloc[-1] == "Menyusun program kerja"
    text = rendered_text(at)
    assert personal_data_in(at) == []
    assert "Uraian kegiatan" not in text and "Surat undangan" not in text


def test_small_groups_show_no_volumes_to_aggregate_roles(serving_dir: Path) -> None:
    at = open_page(sign_in("evaluator"), "output", {"unit": "KEMENSOS"})
    by_unit = next(d.value for d in at.dataframe if "Menit untuk output RKAKL" in d.value.columns)
    rows = by_unit.set_index("Unit")
    # Ditjen Rehabilitasi Sosial has 2 employees: hidden; Sekretariat Jenderal's 5 would give
    # its 2 by subtraction from the ministry's 7, so it is hidden too
    assert rows["Menit diakui"].isna().all()
    assert sorted(rows.index) == ["Ditjen Rehabilitasi Sosial", "Sekretariat Jenderal"]
    at = open_page(sign_in("menteri"), "output", {"unit": "KEMENSOS"})
    by_unit = next(d.value for d in at.dataframe if "Menit untuk output RKAKL" in d.value.columns)
    minutes = by_unit.set_index("Unit")["Menit diakui"]
    assert minutes.to_dict() == {
        "Sekretariat Jenderal": 100 * 300,
        "Ditjen Rehabilitasi Sosial": 40 * 300,
    }


# --- the data functions themselves: deny by default ---------------------------------------------


def test_reports_are_denied_outside_the_scope(serving_dir: Path) -> None:
    release = current_release(serving_dir)
    own = Scope(Role.PEGAWAI, nip=NIP["B"])
    assert not activity_data.employee_reports(release, own, NIP["B"], "2025-02").empty
    assert activity_data.employee_reports(release, own, NIP["A"], "2025-02").empty
    planner = Scope(Role.PERENCANA, unit_id="SETJEN")
    assert activity_data.employee_reports(release, planner, NIP["B"], "2025-02").empty
    assert activity_data.team(release, planner, "SETJEN", "2025-02").empty
    assert activity_data.review_backlog(release, planner, "SETJEN", "2025-02").empty
    assert activity_data.pending_reports(release, planner, "SETJEN", "2025-02").empty
    assert activity_data.top_activities(release, planner, "SETJEN", "2025-02").empty
    nobody = Scope(Role.PIMPINAN, may_see_personal=True)  # no unit: nothing
    assert activity_data.team(release, nobody, "SETJEN", "2025-02").empty
    # a unit head of another subtree gets nothing of Sekretariat Jenderal's, whatever unit or
    # NIP the call names
    rehsos = Scope(Role.PIMPINAN, unit_id="REHSOS", may_see_personal=True)
    assert activity_data.employee_reports(release, rehsos, NIP["B"], "2025-02").empty
    for unit in ("SETJEN", "BIRO_UMUM", "KEMENSOS"):
        for query in (
            activity_data.team,
            activity_data.review_backlog,
            activity_data.pending_reports,
            activity_data.top_activities,
            activity_data.volumes,
            activity_data.volumes_by_unit,
        ):
            assert query(release, rehsos, unit, "2025-02").empty, (query.__name__, unit)
    assert not activity_data.team(release, rehsos, "DIT_ANAK", "2025-02").empty


# --- the pure parts ------------------------------------------------------------------------------


def test_a_limit_changed_inside_the_month_applies_from_its_day() -> None:
    limits = pd.DataFrame(
        {
            "parameter": [activities.CAP, activities.CAP, activities.TARGET],
            "value": [660.0, 600.0, 300.0],
            "effective_from": pd.to_datetime(["2020-01-01", "2025-02-15", "2020-01-01"]),
            "effective_to": pd.to_datetime(["2025-02-14", None, None]),
            "legal_basis": ["a", "b", "c"],
        }
    )
    reports = pd.DataFrame(
        {
            "activity_date": pd.to_datetime(["2025-02-14", "2025-02-14", "2025-02-17"]),
            "claimed_minutes": [400.0, 400.0, 300.0],
            "credited_minutes": [400.0, 260.0, 300.0],
            "is_deleted": [False, False, False],
        }
    )
    days = activities.day_totals("2025-02", reports, limits).set_index("activity_date")
    day14, day17 = pd.Timestamp("2025-02-14").date(), pd.Timestamp("2025-02-17").date()
    assert days.loc[day14, "cap"] == 660 and days.loc[day17, "cap"] == 600
    assert days.loc[day14, "credited_minutes"] == 660  # the cap: 400 + 260
    assert days.loc[day14, "not_credited_minutes"] == 140
    assert days.loc[day14, "reports"] == 2 and days.loc[day17, "target"] == 300
    assert days["credited_minutes"].sum() == activities.credited_total(reports) == 960


def test_the_limits_line_names_each_value_with_its_days() -> None:
    limits = pd.DataFrame(
        {
            "parameter": [activities.CAP, activities.CAP, activities.TARGET],
            "value": [660.0, 600.0, 300.0],
            "effective_from": pd.to_datetime(["2020-01-01", "2025-02-15", "2020-01-01"]),
            "effective_to": pd.to_datetime(["2025-02-14", None, None]),
            "legal_basis": ["PermenPAN-RB 6/2022", "PermenPAN-RB 6/2022", "Perka BKN 19/2011"],
        }
    )
    assert activities.limits_text(limits, "2025-02", "id") == (
        "Garis: target harian 300 menit dan batas harian 660 s.d. 14 Februari 2025, 600 sejak "
        "15 Februari 2025 menit (PermenPAN-RB 6/2022; Perka BKN 19/2011)."
    )
    only_target = limits[limits["parameter"] == activities.TARGET]
    assert "batas harian — menit" in activities.limits_text(only_target, "2025-02", "id")
    assert activities.limits_text(limits.iloc[0:0], "2025-02", "id") is None


def test_a_difference_is_said_on_the_page_and_in_the_pdf() -> None:
    from dashboards.lib import pdf

    reports = pd.DataFrame(
        {
            "activity_date": pd.to_datetime(["2025-02-03"]),
            "activity_name": ["Menyusun surat dinas"],
            "quantity": [5.0],
            "output_unit": ["surat"],
            "claimed_minutes": [300.0],
            "credited_minutes": [300.0],
            "status": ["APPROVED"],
            "is_deleted": [False],
            "credit_note": [None],
            "description": ["x"],
        }
    )
    month = {"period": "2025-02", "credited_minutes": 360.0, "target_minutes": 6000.0}
    agree, text = activities.check_text(month, reports, "id")
    assert not agree
    assert text == (
        "Jumlah menit diakui laporan (300) berbeda dari capaian (360); hubungi tim data."
    )
    document = pdf.statement_pdf(month, pd.DataFrame(), "id", reports=reports, limits=None)
    assert text in pdf_text(document)
    assert "sama dengan menit diakui" not in pdf_text(document)


@pytest.mark.parametrize("missing", [None, pd.NA, float("nan")])
def test_an_employee_without_credited_output_reads_a_dash(missing: object) -> None:
    assert activities.outputs_text(missing, "id") == "—"
    listed = [{"quantity": 12.0, "output_unit": "surat"}, {"quantity": 2.5, "output_unit": "klien"}]
    assert activities.outputs_text(listed, "id") == "12 surat, 2,50 klien"
    assert activities.outputs_text(listed, "en") == "12 surat, 2.50 klien"
