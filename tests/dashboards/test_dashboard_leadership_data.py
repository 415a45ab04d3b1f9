"""The data functions of the leadership pages (dashboards.lib.data) and the what-if, on the
fake release: hand-computed figures (leadership_fixture.py), the scope, personal data only for
personal-data roles, and small-group suppression for aggregate-only roles."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from dashboards.lib import data, downloads
from dashboards.lib.access import SMALL_GROUP_MIN_EMPLOYEES, Role, scope_for
from dashboards.lib.data import (
    attendance,
    discipline,
    integrity,
    measures,
    performance,
    promotion,
    reform,
    staffing,
)
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
    units = _by_unit(staffing.staffing_units(_release(serving_dir), MINISTRY, PERIOD))
    assert sorted(units.index) == ["BIRO_UMUM", "DIT_ANAK"]  # DIRECT rows with members
    biro, anak = units.loc["BIRO_UMUM"], units.loc["DIT_ANAK"]
    assert (biro["ej"], biro["pj_band"], biro["verdict"]) == (1.2, "A", "KURANG_PEGAWAI")
    assert (biro["fte_needed"], biro["gap"], biro["headcount"]) == (6.0, 1.0, 5)
    assert (anak["ej"], anak["pj_band"], anak["verdict"]) == (0.6, "D", "KELEBIHAN_PEGAWAI")
    subtree = _by_unit(staffing.staffing_units(_release(serving_dir), MINISTRY, PERIOD, "SUBTREE"))
    assert subtree.loc["KEMENSOS", "ej"] == pytest.approx(7.2 / 7, abs=1e-4)  # (6 + 1.2) / 7
    assert subtree.loc["KEMENSOS", "headcount"] == 7


def test_staffing_history_has_every_month(serving_dir: Path) -> None:
    history = staffing.staffing_units(_release(serving_dir), MINISTRY, None)
    biro = history[history["unit_id"] == "BIRO_UMUM"].set_index("period")["ej"]
    assert biro.to_dict() == {"2025-01": 1.1, "2025-02": 1.2}


def test_staffing_scope_level_is_validated(serving_dir: Path) -> None:
    with pytest.raises(ValueError, match="staff_scope"):
        staffing.staffing_units(_release(serving_dir), MINISTRY, PERIOD, "' OR 1=1 --")


def test_what_if_moves_fte_with_the_published_bands(serving_dir: Path) -> None:
    release = _release(serving_dir)
    result = staffing.what_if(release, MINISTRY, PERIOD, "DIT_ANAK", "BIRO_UMUM", 1.0)
    result = result.set_index("unit_id")
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
    for level in staffing.STAFFING_SCOPES:
        for period in ("2025-01", "2025-02"):
            units = staffing.staffing_units(release, MINISTRY, period, level)
            ids = units["unit_id"].tolist()
            for row in units.itertuples():
                other = next(u for u in ids if u != row.unit_id)
                moved = staffing.what_if(release, MINISTRY, period, row.unit_id, other, 0.0, level)
                after = moved.set_index("unit_id").loc[row.unit_id]
                assert after["verdict_after"] == row.verdict, row
                assert after["pj_band_after"] == row.pj_band, row


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
    result = staffing.what_if(release, MINISTRY, PERIOD, "BIRO_UMUM", "DIT_ANAK", 0.0)
    assert result.set_index("unit_id").loc["BIRO_UMUM", "verdict_after"] == "SESUAI"


def _publish_staffing(serving_dir: Path, rows: dict[str, tuple[float, float | None]]) -> None:
    """Replace the release's fct_staffing_adequacy with one DIRECT row of PERIOD per unit:
    unit → (FTE, EJ)."""
    path = serving_dir / "releases" / RELEASE_ID / "fct_staffing_adequacy.parquet"
    frame = pd.read_parquet(path)
    frame = frame[(frame["period"] == PERIOD) & (frame["scope"] == "DIRECT")]
    frame = frame[frame["unit_id"].isin(list(rows))].copy()
    frame["fte_actual"] = [rows[u][0] for u in frame["unit_id"]]
    frame["ej"] = [rows[u][1] for u in frame["unit_id"]]
    frame.to_parquet(path, index=False)


@pytest.mark.parametrize(
    ("ej", "pj", "verdict"),
    [
        (1.0001, "A", "KURANG_PEGAWAI"),
        (1.0, "B", "SESUAI"),
        (0.9, "B", "SESUAI"),
        (0.8999, "C", "SESUAI"),
        (0.7, "C", "SESUAI"),
        (0.6999, "D", "KELEBIHAN_PEGAWAI"),
        (0.5, "D", "KELEBIHAN_PEGAWAI"),
        (0.4999, "E", "KELEBIHAN_PEGAWAI"),
        (0.0, "E", "KELEBIHAN_PEGAWAI"),
    ],
)
def test_what_if_classifies_band_edges_like_the_model(
    serving_dir: Path, ej: float, pj: str, verdict: str
) -> None:
    """RULES.md R6: A > 1.00; B 0.90–1.00; C 0.70–<0.90; D 0.50–<0.70; E < 0.50; verdicts
    KURANG > 1.00, SESUAI 0.70–1.00, KELEBIHAN < 0.70 (the published seed rows, in SQL)."""
    _publish_staffing(serving_dir, {"BIRO_UMUM": (1.0, ej), "DIT_ANAK": (1.0, 1.0)})
    result = staffing.what_if(_release(serving_dir), MINISTRY, PERIOD, "BIRO_UMUM", "DIT_ANAK", 0.0)
    row = result.set_index("unit_id").loc["BIRO_UMUM"]
    assert (row["pj_band_after"], row["verdict_after"]) == (pj, verdict)


def test_no_ej_no_band(serving_dir: Path) -> None:
    _publish_staffing(serving_dir, {"BIRO_UMUM": (1.0, 1.0), "DIT_ANAK": (1.0, None)})
    result = staffing.what_if(_release(serving_dir), MINISTRY, PERIOD, "BIRO_UMUM", "DIT_ANAK", 1.0)
    row = result.set_index("unit_id").loc["DIT_ANAK"]
    assert row["ej_after"] is None or pd.isna(row["ej_after"])
    assert row["verdict_after"] is None and row["pj_band_after"] is None


@pytest.mark.parametrize(
    ("giver", "taker", "moved", "ej_giver", "ej_taker"),
    [
        ((0.9, 3.0), (1.0, 3.0), 0.0, 0.9, 1.0),
        ((0.9, 3.0), (1.0, 3.0), 1.0, 1.35, 0.75),  # 0.9 × 3 / 2; 1 × 3 / 4
        ((1.0, 3.0), (1.0, 3.0), 0.5, 1.2, 0.8571),  # 3 / 3.5, 4 decimals half up
        ((1.0, 1.0), (1.0, 3.0), 1.0, None, 0.75),  # nobody left: no EJ
    ],
)
def test_ej_after_a_move(
    serving_dir: Path,
    giver: tuple[float, float],
    taker: tuple[float, float],
    moved: float,
    ej_giver: float | None,
    ej_taker: float,
) -> None:
    _publish_staffing(
        serving_dir, {"BIRO_UMUM": (giver[1], giver[0]), "DIT_ANAK": (taker[1], taker[0])}
    )
    result = staffing.what_if(
        _release(serving_dir), MINISTRY, PERIOD, "BIRO_UMUM", "DIT_ANAK", moved
    ).set_index("unit_id")
    if ej_giver is None:
        assert pd.isna(result.loc["BIRO_UMUM", "ej_after"])
    else:
        assert result.loc["BIRO_UMUM", "ej_after"] == ej_giver
    assert result.loc["DIT_ANAK", "ej_after"] == ej_taker


def test_what_if_rejects_the_same_unit(serving_dir: Path) -> None:
    with pytest.raises(ValueError, match="differ"):
        staffing.what_if(_release(serving_dir), MINISTRY, PERIOD, "BIRO_UMUM", "BIRO_UMUM", 1.0)


def test_what_if_gives_no_row_outside_the_scope_or_for_a_small_unit(serving_dir: Path) -> None:
    release = _release(serving_dir)
    outside = staffing.what_if(release, SETJEN_HEAD, PERIOD, "BIRO_UMUM", "DIT_ANAK", 1.0)
    assert outside["unit_id"].tolist() == ["BIRO_UMUM"]
    small = staffing.what_if(release, REHSOS_PLANNER, PERIOD, "DIT_ANAK", "REHSOS", 1.0)
    assert "DIT_ANAK" not in small["unit_id"].tolist()


def test_staffing_bands_in_force_on_the_period(serving_dir: Path) -> None:
    bands = staffing.staffing_bands(_release(serving_dir), MINISTRY, PERIOD)
    assert sorted(bands[bands["band_kind"] == "PJ"]["code"]) == ["A", "B", "C", "D", "E"]
    assert sorted(bands[bands["band_kind"] == "VERDICT"]["code"]) == [
        "KELEBIHAN_PEGAWAI",
        "KURANG_PEGAWAI",
        "SESUAI",
    ]
    assert staffing.staffing_bands(_release(serving_dir), MINISTRY, "2019-12").empty


def test_projection_hand_computed_and_scoped(serving_dir: Path) -> None:
    release = _release(serving_dir)
    projection = staffing.staffing_projection(release, MINISTRY, "BIRO_UMUM")
    assert projection["months_ahead"].tolist() == list(range(1, 13))
    assert projection["period"].iloc[0] == "2025-03" and projection["period"].iloc[-1] == "2026-02"
    month6 = projection.set_index("months_ahead").loc[6]
    assert (month6["fte_projected"], month6["ej_projected"]) == (4.0, 1.5)  # 37,500 / (4 × 6,250)
    assert staffing.staffing_projection(release, SETJEN_HEAD, "DIT_ANAK").empty
    assert staffing.staffing_projection(release, SETJEN_HEAD, "' OR 1=1 --").empty


# --- suppression ------------------------------------------------------------------------------


def test_small_units_show_no_staffing_figures_to_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    shown = _by_unit(staffing.staffing_units(release, EVALUATOR, PERIOD))
    assert SMALL_GROUP_MIN_EMPLOYEES == 5
    anak = shown.loc["DIT_ANAK"]  # 2 employees
    assert bool(anak["suppressed"]) and anak["headcount"] == 2
    assert all(pd.isna(anak[c]) for c in ("ej", "gap", "fte_needed", "workload_minutes"))
    assert anak["verdict"] is None or pd.isna(anak["verdict"])
    biro = shown.loc["BIRO_UMUM"]  # exactly 5: not fewer than 5, so shown
    assert not biro["suppressed"] and biro["ej"] == 1.2
    projection = staffing.staffing_projection(release, EVALUATOR, "DIT_ANAK")
    assert projection["suppressed"].all() and projection["ej_projected"].isna().all()
    # the same rows for a personal-data role are not suppressed
    assert not staffing.staffing_units(release, MINISTRY, PERIOD)["suppressed"].any()


def test_small_units_show_no_r5_figures_to_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    children = _by_unit(measures.child_units(release, EVALUATOR, PERIOD))
    rehsos, setjen = children.loc["REHSOS"], children.loc["SETJEN"]  # 2 and 5 employees
    assert bool(rehsos["suppressed"]) and rehsos["headcount"] == 2
    for column in ("tk_rate_pct", "tukin_net_idr", "avg_capaian_pct", "tl_count", "n_baik"):
        assert pd.isna(rehsos[column]), column
    assert not setjen["suppressed"] and setjen["tk_rate_pct"] == pytest.approx(7.0)
    assert measures.unit_measures(release, EVALUATOR, "DIT_ANAK")["tk_rate_pct"].isna().all()
    assert not measures.child_units(release, MINISTRY, PERIOD)["suppressed"].any()


def test_small_scope_shows_no_distributions(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert performance.capaian_distribution(release, REHSOS_PLANNER, PERIOD).empty  # 2 employees
    assert attendance.checkin_distribution(release, REHSOS_PLANNER, PERIOD).empty
    summary = measures.period_summary(release, REHSOS_PLANNER)
    assert summary["suppressed"].all() and summary["tk_rate_pct"].isna().all()
    bins = performance.capaian_distribution(release, SETJEN_PLANNER, PERIOD)  # 5 employees
    assert dict(zip(bins["bin_start_pct"], bins["employees"], strict=True)) == {
        80: 1,
        90: 1,
        100: 1,
        110: 1,
        120: 1,
    }


def test_small_units_are_left_out_of_counts_for_aggregate_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    everyone = discipline.discipline_referral_counts(release, MINISTRY, PERIOD)
    assert sorted(zip(everyone["unit_id"], everyone["recommended_sanction"], strict=True)) == [
        ("BIRO_UMUM", "TEGURAN_LISAN"),
        ("BIRO_UMUM", "TEGURAN_TERTULIS"),
        ("DIT_ANAK", "TEGURAN_LISAN"),
    ]
    aggregate = discipline.discipline_referral_counts(release, EVALUATOR, PERIOD)
    assert set(aggregate["unit_id"]) == {"BIRO_UMUM"}
    assert aggregate["referrals"].sum() == 2
    flags = integrity.integrity_flag_counts(release, EVALUATOR, PERIOD)
    assert flags[["unit_id", "flag_code", "flags"]].values.tolist() == [
        ["BIRO_UMUM", "AKTIVITAS_SAAT_TK", 1]
    ]
    assert set(integrity.integrity_flag_counts(release, MINISTRY, PERIOD)["unit_id"]) == {
        "BIRO_UMUM",
        "DIT_ANAK",
    }


def test_small_subtrees_show_no_indicator_values(serving_dir: Path) -> None:
    release = _release(serving_dir)
    rows = reform.rb_indicators(release, EVALUATOR, PERIOD)
    small = rows[rows["unit_id"].isin(["REHSOS", "DIT_ANAK"])]
    assert len(small) == 8 and small["suppressed"].all()
    assert small[["value", "numerator", "denominator"]].isna().all().all()
    realisation = rows[
        (rows["unit_id"] == "SETJEN") & (rows["indicator_code"] == "RB_REALISASI_TUKIN")
    ].iloc[0]
    assert float(realisation["value"]) == pytest.approx(85.71)  # 30 M of 35 M
    assert not reform.rb_indicators(release, MINISTRY, PERIOD)["suppressed"].any()


# --- Promosi ----------------------------------------------------------------------------------


def _codes(summary: pd.DataFrame, unit: str, kind: str) -> dict[str, int]:
    rows = summary[(summary["unit_id"] == unit) & (summary["code_kind"] == kind)]
    return dict(zip(rows["code"], rows["n"], strict=True))


def test_promotion_summary_hand_computed(serving_dir: Path) -> None:
    summary = promotion.promotion_summary(_release(serving_dir), MINISTRY, PERIOD, "KEMENSOS")
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
    assert promotion.promotion_summary(release, SETJEN_HEAD, PERIOD, "REHSOS").empty
    assert promotion.promotion_summary(release, SETJEN_HEAD, PERIOD, "KEMENSOS").empty
    summary = promotion.promotion_summary(release, EVALUATOR, PERIOD, "KEMENSOS")
    rehsos = summary[summary["unit_id"] == "REHSOS"]
    assert rehsos["suppressed"].all() and rehsos["n"].isna().all() and rehsos["code"].isna().all()
    assert _codes(summary, "SETJEN", "REASON")["HUKUMAN_DISIPLIN"] == 2


# --- personal lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("scope", AGGREGATE_ONLY, ids=lambda s: f"{s.role}-{s.unit_id}")
def test_person_lists_are_empty_without_personal_data(serving_dir: Path, scope) -> None:
    release = _release(serving_dir)
    for function in (
        discipline.discipline_referrals,
        integrity.integrity_flags,
        promotion.promotion_list,
    ):
        assert function(release, scope, PERIOD).empty, function.__name__


def test_person_lists_of_a_unit_head_hold_only_the_subtree(serving_dir: Path) -> None:
    release = _release(serving_dir)
    referrals = discipline.discipline_referrals(release, SETJEN_HEAD, PERIOD)
    assert sorted(referrals["nip"]) == sorted([NIP["B"], NIP["D"]])
    assert "Siti Rahmawati" in referrals["full_name"].tolist()
    assert integrity.integrity_flags(release, SETJEN_HEAD, PERIOD)["nip"].tolist() == [NIP["A"]]
    promotions = promotion.promotion_list(release, SETJEN_HEAD, PERIOD)
    assert sorted(promotions["nip"]) == sorted(NIP[k] for k in "ABCDE")
    blocked = promotion.promotion_list(release, SETJEN_HEAD, PERIOD, "BLOCKED")
    assert sorted(blocked["nip"]) == sorted(NIP[k] for k in "BCE")
    everyone = integrity.integrity_flags(release, MINISTRY, PERIOD)
    assert sorted(everyone["flag_code"]) == [
        "AKTIVITAS_SAAT_TK",
        "JAM_MESIN_MENYIMPANG",
        "TITIP_ABSEN",
    ]


def test_unit_head_reaches_no_other_unit_in_any_new_function(serving_dir: Path) -> None:
    release = _release(serving_dir)
    frames = {
        "discipline_by_unit": discipline.discipline_by_unit(release, SETJEN_HEAD, PERIOD),
        "referral_counts": discipline.discipline_referral_counts(release, SETJEN_HEAD, PERIOD),
        "flag_counts": integrity.integrity_flag_counts(release, SETJEN_HEAD, PERIOD),
        "rb_indicators": reform.rb_indicators(release, SETJEN_HEAD, PERIOD),
        "staffing": staffing.staffing_units(release, SETJEN_HEAD, None, "SUBTREE"),
    }
    for name, frame in frames.items():
        assert not frame.empty, name
        assert set(frame["unit_id"]) <= {"SETJEN", "BIRO_UMUM"}, name


# --- downloads --------------------------------------------------------------------------------


def test_indicator_csv_is_what_eperf_export_writes(serving_dir: Path, tmp_path: Path) -> None:
    release = _release(serving_dir)
    rows = reform.rb_indicators(release, MINISTRY, PERIOD)
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
    rows = reform.rb_indicators(release, EVALUATOR, PERIOD)
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
