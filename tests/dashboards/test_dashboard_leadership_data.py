"""lib/data.py functions of the leadership pages and lib/staffing.py's what-if, on the
fake release: hand-computed figures (leadership_fixture.py), the scope, personal data only for
personal-data roles, and small-group suppression for aggregate-only roles."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from dashboards.lib import data, downloads, staffing
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, Role, scope_for
from eperf import export
from tests.dashboards.conftest import NIP, RELEASE_ID

MINISTRY = scope_for(Role.MENTERI, None, None)
SETJEN_HEAD = scope_for(Role.PIMPINAN, "SETJEN", None)
SETJEN_PLANNER = scope_for(Role.PERENCANA, "SETJEN", None)
REHSOS_PLANNER = scope_for(Role.PERENCANA, "REHSOS", None)
EVALUATOR = scope_for(Role.EVALUATOR_RB, "KEMENSOS", None)
AGGREGATE_ONLY = (SETJEN_PLANNER, REHSOS_PLANNER, EVALUATOR)
PERIOD = "2025-02"


def _release(serving_dir: Path) -> data.Release:
    release = data.current_release(serving_dir)
    assert release is not None
    return release


def _by_unit(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("unit_id")


# --- Beban Kerja ------------------------------------------------------------------------------


def test_staffing_units_hand_computed(serving_dir: Path) -> None:
    units = _by_unit(data.staffing_units(_release(serving_dir), MINISTRY, PERIOD))
    assert sorted(units.index) == ["BIRO_UMUM", "DIT_ANAK"]  # DIRECT rows with members
    biro, anak = units.loc["BIRO_UMUM"], units.loc["DIT_ANAK"]
    assert (biro["ej"], biro["pj_band"], biro["verdict"]) == (1.2, "A", "KURANG_PEGAWAI")
    assert (biro["fte_needed"], biro["gap"], biro["headcount"]) == (6.0, 1.0, 5)
    assert (anak["ej"], anak["pj_band"], anak["verdict"]) == (0.6, "D", "KELEBIHAN_PEGAWAI")
    subtree = _by_unit(data.staffing_units(_release(serving_dir), MINISTRY, PERIOD, "SUBTREE"))
    assert subtree.loc["KEMENSOS", "ej"] == pytest.approx(7.2 / 7, abs=1e-4)  # (6 + 1.2) / 7
    assert subtree.loc["KEMENSOS", "headcount"] == 7


def test_staffing_history_has_every_month(serving_dir: Path) -> None:
    history = data.staffing_units(_release(serving_dir), MINISTRY, None)
    biro = history[history["unit_id"] == "BIRO_UMUM"].set_index("period")["ej"]
    assert biro.to_dict() == {"2025-01": 1.1, "2025-02": 1.2}


def test_staffing_scope_level_is_validated(serving_dir: Path) -> None:
    with pytest.raises(ValueError, match="staff_scope"):
        data.staffing_units(_release(serving_dir), MINISTRY, PERIOD, "' OR 1=1 --")


def test_what_if_moves_fte_with_the_published_bands(serving_dir: Path) -> None:
    release = _release(serving_dir)
    units = data.staffing_units(release, MINISTRY, PERIOD)
    bands = data.staffing_bands(release, MINISTRY, PERIOD)
    result = staffing.what_if(units, "DIT_ANAK", "BIRO_UMUM", 1.0, bands).set_index("unit_id")
    anak, biro = result.loc["DIT_ANAK"], result.loc["BIRO_UMUM"]
    # DIT_ANAK: 0.60 × 2 / 1 = 1.20; BIRO_UMUM: 1.20 × 5 / 6 = 1.00 (the inclusive edge)
    assert (anak["fte_after"], anak["ej_after"]) == (1.0, 1.2)
    assert (anak["verdict_before"], anak["verdict_after"]) == (
        "KELEBIHAN_PEGAWAI",
        "KURANG_PEGAWAI",
    )
    assert (anak["pj_band_before"], anak["pj_band_after"]) == ("D", "A")
    assert (biro["fte_after"], biro["ej_after"]) == (6.0, 1.0)
    assert (biro["verdict_before"], biro["verdict_after"]) == ("KURANG_PEGAWAI", "SESUAI")
    assert (biro["pj_band_before"], biro["pj_band_after"]) == ("A", "B")
    assert biro["gap_after"] == pytest.approx(0.0)


def test_what_if_of_nothing_reproduces_the_mart_verdicts(serving_dir: Path) -> None:
    release = _release(serving_dir)
    for level in data.STAFFING_SCOPES:
        for period in ("2025-01", "2025-02"):
            units = data.staffing_units(release, MINISTRY, period, level)
            bands = data.staffing_bands(release, MINISTRY, period)
            for row in units.itertuples():
                assert staffing.classify(row.ej, bands, "VERDICT") == row.verdict, row
                assert staffing.classify(row.ej, bands, "PJ") == row.pj_band, row


def test_what_if_thresholds_come_from_the_release(serving_dir: Path) -> None:
    """Publishing other bands changes the what-if: no threshold lives in Python."""
    release = _release(serving_dir)
    path = serving_dir / "releases" / RELEASE_ID / "dim_staffing_band.parquet"
    bands = pd.read_parquet(path)
    sesuai = (bands["band_kind"] == "VERDICT") & (bands["code"] == "SESUAI")
    kurang = (bands["band_kind"] == "VERDICT") & (bands["code"] == "KURANG_PEGAWAI")
    bands.loc[sesuai, "max_ej"] = 1.25
    bands.loc[kurang, "min_ej"] = 1.25
    bands.to_parquet(path, index=False)
    units = data.staffing_units(release, MINISTRY, PERIOD)
    result = staffing.what_if(
        units, "BIRO_UMUM", "DIT_ANAK", 0.0, data.staffing_bands(release, MINISTRY, PERIOD)
    )
    assert result.set_index("unit_id").loc["BIRO_UMUM", "verdict_after"] == "SESUAI"


def test_staffing_bands_in_force_on_the_period(serving_dir: Path) -> None:
    bands = data.staffing_bands(_release(serving_dir), MINISTRY, PERIOD)
    assert sorted(bands[bands["band_kind"] == "PJ"]["code"]) == ["A", "B", "C", "D", "E"]
    assert sorted(bands[bands["band_kind"] == "VERDICT"]["code"]) == [
        "KELEBIHAN_PEGAWAI",
        "KURANG_PEGAWAI",
        "SESUAI",
    ]
    assert data.staffing_bands(_release(serving_dir), MINISTRY, "2019-12").empty


def test_projection_hand_computed_and_scoped(serving_dir: Path) -> None:
    release = _release(serving_dir)
    projection = data.staffing_projection(release, MINISTRY, "BIRO_UMUM")
    assert projection["months_ahead"].tolist() == list(range(1, 13))
    assert projection["period"].iloc[0] == "2025-03" and projection["period"].iloc[-1] == "2026-02"
    month6 = projection.set_index("months_ahead").loc[6]
    assert (month6["fte_projected"], month6["ej_projected"]) == (4.0, 1.5)  # 37,500 / (4 × 6,250)
    assert data.staffing_projection(release, SETJEN_HEAD, "DIT_ANAK").empty
    assert data.staffing_projection(release, SETJEN_HEAD, "' OR 1=1 --").empty


# --- suppression ------------------------------------------------------------------------------


def test_small_units_show_no_staffing_figures_to_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    shown = _by_unit(data.staffing_units(release, EVALUATOR, PERIOD))
    assert SMALL_GROUP_MIN_EMPLOYEES == 5
    anak = shown.loc["DIT_ANAK"]  # 2 employees
    assert bool(anak["suppressed"]) and anak["headcount"] == 2
    assert all(pd.isna(anak[c]) for c in ("ej", "gap", "fte_needed", "workload_minutes"))
    assert anak["verdict"] is None or pd.isna(anak["verdict"])
    biro = shown.loc["BIRO_UMUM"]  # exactly 5: not fewer than 5, so shown
    assert not biro["suppressed"] and biro["ej"] == 1.2
    projection = data.staffing_projection(release, EVALUATOR, "DIT_ANAK")
    assert projection["suppressed"].all() and projection["ej_projected"].isna().all()
    # the same rows for a personal-data role are not suppressed
    assert not data.staffing_units(release, MINISTRY, PERIOD)["suppressed"].any()


def test_small_units_show_no_r5_figures_to_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    children = _by_unit(data.child_units(release, EVALUATOR, PERIOD))
    rehsos, setjen = children.loc["REHSOS"], children.loc["SETJEN"]  # 2 and 5 employees
    assert bool(rehsos["suppressed"]) and rehsos["headcount"] == 2
    for column in ("tk_rate_pct", "tukin_net_idr", "avg_capaian_pct", "tl_count", "n_baik"):
        assert pd.isna(rehsos[column]), column
    assert not setjen["suppressed"] and setjen["tk_rate_pct"] == pytest.approx(7.0)
    assert data.unit_measures(release, EVALUATOR, "DIT_ANAK")["tk_rate_pct"].isna().all()
    assert not data.child_units(release, MINISTRY, PERIOD)["suppressed"].any()


def test_small_scope_shows_no_distributions(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert data.capaian_distribution(release, REHSOS_PLANNER, PERIOD).empty  # 2 employees
    assert data.checkin_distribution(release, REHSOS_PLANNER, PERIOD).empty
    summary = data.period_summary(release, REHSOS_PLANNER)
    assert summary["suppressed"].all() and summary["tk_rate_pct"].isna().all()
    bins = data.capaian_distribution(release, SETJEN_PLANNER, PERIOD)  # 5 employees
    assert dict(zip(bins["bin_start_pct"], bins["employees"], strict=True)) == {
        80: 1,
        90: 1,
        100: 1,
        110: 1,
        120: 1,
    }


def test_small_units_are_left_out_of_counts_for_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    everyone = data.discipline_referral_counts(release, MINISTRY, PERIOD)
    assert sorted(zip(everyone["unit_id"], everyone["recommended_sanction"], strict=True)) == [
        ("BIRO_UMUM", "TEGURAN_LISAN"),
        ("BIRO_UMUM", "TEGURAN_TERTULIS"),
        ("DIT_ANAK", "TEGURAN_LISAN"),
    ]
    aggregate = data.discipline_referral_counts(release, EVALUATOR, PERIOD)
    assert set(aggregate["unit_id"]) == {"BIRO_UMUM"}
    assert aggregate["referrals"].sum() == 2
    flags = data.integrity_flag_counts(release, EVALUATOR, PERIOD)
    assert flags[["unit_id", "flag_code", "flags"]].values.tolist() == [
        ["BIRO_UMUM", "AKTIVITAS_SAAT_TK", 1]
    ]
    assert set(data.integrity_flag_counts(release, MINISTRY, PERIOD)["unit_id"]) == {
        "BIRO_UMUM",
        "DIT_ANAK",
    }


def test_small_subtrees_show_no_indicator_values(serving_dir: Path) -> None:
    release = _release(serving_dir)
    rows = data.rb_indicators(release, EVALUATOR, PERIOD)
    small = rows[rows["unit_id"].isin(["REHSOS", "DIT_ANAK"])]
    assert len(small) == 8 and small["suppressed"].all()
    assert small[["value", "numerator", "denominator"]].isna().all().all()
    realisation = rows[
        (rows["unit_id"] == "SETJEN") & (rows["indicator_code"] == "RB_REALISASI_TUKIN")
    ].iloc[0]
    assert float(realisation["value"]) == pytest.approx(85.71)  # 30 M of 35 M
    assert not data.rb_indicators(release, MINISTRY, PERIOD)["suppressed"].any()


# --- Promosi ----------------------------------------------------------------------------------


def _codes(summary: pd.DataFrame, unit: str, kind: str) -> dict[str, int]:
    rows = summary[(summary["unit_id"] == unit) & (summary["code_kind"] == kind)]
    return dict(zip(rows["code"], rows["n"], strict=True))


def test_promotion_summary_hand_computed(serving_dir: Path) -> None:
    summary = data.promotion_summary(_release(serving_dir), MINISTRY, PERIOD, "KEMENSOS")
    assert _codes(summary, "KEMENSOS", "STATUS") == {
        "BLOCKED": 4,
        "ELIGIBLE": 2,
        "ELIGIBLE_SOON": 1,
    }
    assert _codes(summary, "SETJEN", "STATUS") == {"BLOCKED": 3, "ELIGIBLE": 1, "ELIGIBLE_SOON": 1}
    assert _codes(summary, "SETJEN", "REASON") == {
        "HUKUMAN_DISIPLIN": 2,
        "MASA_KERJA_BELUM_CUKUP": 1,
        "PREDIKAT_TAHUN": 1,  # PREDIKAT_TAHUN_2024 folded
    }
    assert _codes(summary, "REHSOS", "REASON") == {"BUKAN_PNS": 1}
    groups = summary.drop_duplicates("unit_id").set_index("unit_id")
    assert groups["group_kind"].to_dict() == {
        "KEMENSOS": "PARENT",
        "REHSOS": "CHILD",
        "SETJEN": "CHILD",
    }
    assert groups["employees"].to_dict() == {"KEMENSOS": 7, "REHSOS": 2, "SETJEN": 5}


def test_promotion_summary_is_scoped_and_suppressed(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert data.promotion_summary(release, SETJEN_HEAD, PERIOD, "REHSOS").empty
    assert data.promotion_summary(release, SETJEN_HEAD, PERIOD, "KEMENSOS").empty
    summary = data.promotion_summary(release, EVALUATOR, PERIOD, "KEMENSOS")
    rehsos = summary[summary["unit_id"] == "REHSOS"]
    assert rehsos["suppressed"].all() and rehsos["n"].isna().all() and rehsos["code"].isna().all()
    assert _codes(summary, "SETJEN", "REASON")["HUKUMAN_DISIPLIN"] == 2


# --- personal lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("scope", AGGREGATE_ONLY, ids=lambda s: f"{s.role}-{s.unit_id}")
def test_person_lists_are_empty_without_personal_data(serving_dir: Path, scope) -> None:
    release = _release(serving_dir)
    for function in (data.discipline_referrals, data.integrity_flags, data.promotion_list):
        assert function(release, scope, PERIOD).empty, function.__name__


def test_person_lists_of_a_unit_head_hold_only_the_subtree(serving_dir: Path) -> None:
    release = _release(serving_dir)
    referrals = data.discipline_referrals(release, SETJEN_HEAD, PERIOD)
    assert sorted(referrals["nip"]) == sorted([NIP["B"], NIP["D"]])
    assert "Siti Rahmawati" in referrals["full_name"].tolist()
    assert data.integrity_flags(release, SETJEN_HEAD, PERIOD)["nip"].tolist() == [NIP["A"]]
    promotion = data.promotion_list(release, SETJEN_HEAD, PERIOD)
    assert sorted(promotion["nip"]) == sorted(NIP[k] for k in "ABCDE")
    blocked = data.promotion_list(release, SETJEN_HEAD, PERIOD, "BLOCKED")
    assert sorted(blocked["nip"]) == sorted(NIP[k] for k in "BCE")
    everyone = data.integrity_flags(release, MINISTRY, PERIOD)
    assert sorted(everyone["flag_code"]) == [
        "AKTIVITAS_SAAT_TK",
        "JAM_MESIN_MENYIMPANG",
        "TITIP_ABSEN",
    ]


def test_unit_head_reaches_no_other_unit_in_any_new_function(serving_dir: Path) -> None:
    release = _release(serving_dir)
    frames = {
        "discipline_by_unit": data.discipline_by_unit(release, SETJEN_HEAD, PERIOD),
        "referral_counts": data.discipline_referral_counts(release, SETJEN_HEAD, PERIOD),
        "flag_counts": data.integrity_flag_counts(release, SETJEN_HEAD, PERIOD),
        "rb_indicators": data.rb_indicators(release, SETJEN_HEAD, PERIOD),
        "staffing": data.staffing_units(release, SETJEN_HEAD, None, "SUBTREE"),
    }
    for name, frame in frames.items():
        assert not frame.empty, name
        assert set(frame["unit_id"]) <= {"SETJEN", "BIRO_UMUM"}, name


# --- downloads --------------------------------------------------------------------------------


def test_indicator_csv_is_what_eperf_export_writes(serving_dir: Path, tmp_path: Path) -> None:
    release = _release(serving_dir)
    rows = data.rb_indicators(release, MINISTRY, PERIOD)
    dashboard = downloads.indicator_export(release, rows, PERIOD, "KEMENSOS", "csv")
    out = tmp_path / "export.csv"
    export.export_indicators(serving_dir, PERIOD, None, "csv", out)
    command_line = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    shown = list(csv.reader(io.StringIO(dashboard.decode("utf-8-sig"))))
    assert shown[0] == command_line[0]
    assert sorted(shown[1:]) == sorted(command_line[1:])
    assert len(shown) == 1 + len(rows)


def test_indicator_xlsx_has_the_export_sheets(serving_dir: Path) -> None:
    from openpyxl import load_workbook

    release = _release(serving_dir)
    rows = data.rb_indicators(release, EVALUATOR, PERIOD)
    book = load_workbook(
        io.BytesIO(downloads.indicator_export(release, rows, PERIOD, "KEMENSOS", "xlsx"))
    )
    assert book.sheetnames == [
        "Pelaporan",
        "Disiplin",
        "Tukin",
        "Predikat",
        "Definisi",
        "Provenans",
    ]
    provenance = dict(book["Provenans"].iter_rows(min_row=2, values_only=True))
    assert provenance["Rilis"] == RELEASE_ID and provenance["Unit"] == "KEMENSOS"
    tukin = list(book["Tukin"].iter_rows(min_row=2, values_only=True))
    rehsos = next(r for r in tukin if r[0] == "REHSOS")
    assert rehsos[4:] == (None, None, None)  # suppressed: value, numerator, denominator
    with pytest.raises(ValueError, match="format"):
        downloads.indicator_export(release, rows, PERIOD, "KEMENSOS", "exe")
