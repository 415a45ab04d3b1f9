"""The data layer (dashboards.lib.data) against the fake release: hand-computed numbers (see
conftest.py) and the scope every query is filtered by (deny by default)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboards.lib import data
from dashboards.lib.access import Role, Scope, scope_for
from dashboards.lib.data import attendance, measures, org, quality, tukin
from eperf.serving import POINTER
from tests.dashboards.conftest import EXTRA_MONTHLY, MONTHLY, NIP, write_release
from tests.dashboards.labels_fixture import label_frames

MINISTRY = scope_for(Role.MENTERI, None, None)
SETJEN_HEAD = scope_for(Role.PIMPINAN, "SETJEN", None)
REHSOS_HEAD = scope_for(Role.PIMPINAN, "REHSOS", None)
SETJEN_PLANNER = scope_for(Role.PERENCANA, "SETJEN", None)
EVALUATOR = scope_for(Role.EVALUATOR_RB, "KEMENSOS", None)
EMPLOYEE_B = scope_for(Role.PEGAWAI, None, NIP["B"])
ADMIN = scope_for(Role.ADMIN_DATA, None, None)
HOSTILE = ("' OR 1=1 --", "BIRO_UMUM' OR '1'='1", "%", "KEMENSOS/%", "*", "")


def _release(serving_dir: Path) -> data.Release:
    release = data.current_release(serving_dir)
    assert release is not None
    return release


def test_current_release_reads_pointer_and_manifest(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert release.release_id == (serving_dir / POINTER).read_text().strip()
    assert release.rule_set == "kemensos-2024"
    assert release.published_at == "2025-03-01T08:30:00+00:00"


def test_current_release_from_environment(serving_dir: Path) -> None:
    assert data.current_release() == _release(serving_dir)


def test_no_release_before_first_publication(empty_serving_dir: Path) -> None:
    assert data.current_release(empty_serving_dir) is None
    assert data.current_release() is None


@pytest.mark.parametrize("mart", data.REQUIRED_MARTS)
def test_release_without_required_mart_is_not_usable(serving_dir: Path, mart: str) -> None:
    release = _release(serving_dir)
    (serving_dir / "releases" / release.release_id / f"{mart}.parquet").unlink()
    assert data.current_release(serving_dir) is None


def test_period_summary(serving_dir: Path) -> None:
    release = _release(serving_dir)
    summary = measures.period_summary(release, MINISTRY).set_index("period")
    assert list(summary.index) == ["2025-01", "2025-02"]
    jan, feb = summary.loc["2025-01"], summary.loc["2025-02"]
    assert jan["headcount"] == 6
    assert jan["attendance_rate_pct"] == pytest.approx(97.5)
    assert jan["tk_rate_pct"] == pytest.approx(2.5)
    assert (jan["tl_count"], jan["psw_count"]) == (2, 0)
    assert jan["avg_capaian_pct"] == pytest.approx(90.0)
    assert jan["realisation_pct"] == pytest.approx(90.0)
    assert feb["headcount"] == 7
    assert (feb["hadir_days"], feb["tk_days"], feb["workdays"]) == (133, 7, 140)
    assert feb["attendance_rate_pct"] == pytest.approx(95.0)
    assert feb["tk_rate_pct"] == pytest.approx(5.0)
    assert (feb["tl_count"], feb["psw_count"]) == (3, 2)
    assert feb["avg_capaian_pct"] == pytest.approx(100.0)
    assert feb["realisation_pct"] == pytest.approx(87.5)
    assert (feb["tukin_potential_idr"], feb["tukin_net_idr"]) == (40_000_000, 35_000_000)


def test_child_units_of_the_ministry_are_the_eselon1_units(serving_dir: Path) -> None:
    release = _release(serving_dir)
    by_e1 = measures.child_units(release, MINISTRY, "2025-02").set_index("unit_id")
    assert sorted(by_e1.index) == ["REHSOS", "SETJEN"]  # REHSOSX has no rows
    setjen, rehsos = by_e1.loc["SETJEN"], by_e1.loc["REHSOS"]
    assert setjen["unit_name"] == "Sekretariat Jenderal"
    assert setjen["headcount"] == 5
    assert setjen["attendance_rate_pct"] == pytest.approx(93.0)
    assert setjen["tk_rate_pct"] == pytest.approx(7.0)
    assert setjen["realisation_pct"] == pytest.approx(100 * 30 / 35)
    assert setjen["tukin_net_idr"] == 30_000_000
    assert rehsos["headcount"] == 2
    assert rehsos["attendance_rate_pct"] == pytest.approx(100.0)
    assert rehsos["tk_rate_pct"] == pytest.approx(0.0)
    assert rehsos["realisation_pct"] == pytest.approx(100.0)
    # The eselon I rows add up to the period's totals.
    assert by_e1["headcount"].sum() == 7
    assert by_e1["tukin_net_idr"].sum() == 35_000_000


def test_the_same_measures_at_every_level(serving_dir: Path) -> None:
    """R5: a unit's figures are the same wherever they are read."""
    release = _release(serving_dir)
    as_child = measures.child_units(release, MINISTRY, "2025-02").set_index("unit_id").loc["SETJEN"]
    as_unit = measures.unit_measures(release, MINISTRY, "SETJEN").set_index("period").loc["2025-02"]
    as_top = measures.period_summary(release, SETJEN_HEAD).set_index("period").loc["2025-02"]
    for column in ("headcount", "tk_days", "tl_count", "tukin_net_idr", "realisation_pct"):
        assert as_child[column] == pytest.approx(as_unit[column])
        assert as_unit[column] == pytest.approx(as_top[column])


def test_units_needing_attention_respects_minimum_headcount(serving_dir: Path) -> None:
    release = _release(serving_dir)
    units = measures.units_needing_attention(release, MINISTRY, "2025-02")
    assert units["unit_id"].tolist() == ["BIRO_UMUM"]  # DIT_ANAK has 2 employees (< 5)
    row = units.iloc[0]
    assert row["eselon1_unit_name"] == "Sekretariat Jenderal"
    assert row["tk_rate_pct"] == pytest.approx(7.0)


def test_units_needing_attention_ordered_by_tk_rate(serving_dir: Path) -> None:
    release = _release(serving_dir)
    units = measures.units_needing_attention(release, MINISTRY, "2025-02", min_headcount=1)
    assert units["unit_id"].tolist() == ["BIRO_UMUM", "DIT_ANAK"]
    assert units["tk_rate_pct"].tolist() == pytest.approx([7.0, 0.0])
    limited = measures.units_needing_attention(
        release, MINISTRY, "2025-02", min_headcount=1, limit=1
    )
    assert limited["unit_id"].tolist() == ["BIRO_UMUM"]


def test_lineage_and_scope_tops(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert org.scope_tops(release, MINISTRY)["unit_id"].tolist() == ["KEMENSOS"]
    assert org.scope_tops(release, SETJEN_HEAD)["unit_id"].tolist() == ["SETJEN"]
    full = org.unit_lineage(release, MINISTRY, "BIRO_UMUM")["unit_id"].tolist()
    assert full == ["KEMENSOS", "SETJEN", "BIRO_UMUM"]
    assert org.unit_lineage(release, SETJEN_HEAD, "BIRO_UMUM")["unit_id"].tolist() == [
        "SETJEN",
        "BIRO_UMUM",
    ]


def test_unit_head_sees_only_the_own_subtree(serving_dir: Path) -> None:
    release = _release(serving_dir)
    for unit in ("KEMENSOS", "REHSOS", "DIT_ANAK", "REHSOSX"):
        assert org.unit_info(release, SETJEN_HEAD, unit).empty
        assert org.unit_lineage(release, SETJEN_HEAD, unit).empty
        assert measures.unit_measures(release, SETJEN_HEAD, unit).empty
        assert measures.child_units(release, SETJEN_HEAD, "2025-02", unit).empty
        assert measures.unit_employees(release, SETJEN_HEAD, unit, "2025-02").empty
    for key in ("F", "G"):
        assert tukin.employee_month(release, SETJEN_HEAD, NIP[key], "2025-02").empty
        assert attendance.attendance_days(release, SETJEN_HEAD, NIP[key], "2025-02").empty
        assert tukin.tukin_lines(release, SETJEN_HEAD, NIP[key], "2025-02").empty
    options = tukin.employee_options(release, SETJEN_HEAD, "2025-02")
    assert sorted(options["nip"]) == sorted(NIP[k] for k in "ABCDE")
    assert tukin.employee_options(release, SETJEN_HEAD, "2025-02", "Fitri").empty
    attention = measures.units_needing_attention(release, SETJEN_HEAD, "2025-02", min_headcount=0)
    assert set(attention["unit_id"]) <= {"SETJEN", "BIRO_UMUM"}
    assert measures.period_summary(release, SETJEN_HEAD)["headcount"].tolist() == [5, 5]


def test_subtree_filter_stops_at_the_path_separator(tmp_path: Path) -> None:
    """REHSOSX's path starts with REHSOS's path but is not below it."""
    serving = tmp_path / "serving-extra"
    write_release(serving, monthly=MONTHLY + EXTRA_MONTHLY)
    release = _release(serving)
    assert org.unit_info(release, REHSOS_HEAD, "REHSOSX").empty
    assert tukin.employee_month(release, REHSOS_HEAD, NIP["H"], "2025-02").empty
    assert NIP["H"] not in tukin.employee_options(release, REHSOS_HEAD, "2025-02")["nip"].tolist()
    assert measures.period_summary(release, REHSOS_HEAD)["headcount"].tolist() == [1, 2]
    assert not tukin.employee_month(release, MINISTRY, NIP["H"], "2025-02").empty


def test_roles_without_personal_data_get_no_employee_rows(serving_dir: Path) -> None:
    release = _release(serving_dir)
    for scope in (SETJEN_PLANNER, EVALUATOR, ADMIN):
        assert measures.unit_employees(release, scope, "BIRO_UMUM", "2025-02").empty
        assert tukin.employee_options(release, scope, "2025-02").empty
        for key in "ABCDEFG":
            assert tukin.employee_month(release, scope, NIP[key], "2025-02").empty
            assert tukin.tukin_lines(release, scope, NIP[key], "2025-02").empty
            assert attendance.attendance_days(release, scope, NIP[key], "2025-02").empty
    # … but their aggregates are there.
    assert measures.period_summary(release, SETJEN_PLANNER)["headcount"].tolist() == [5, 5]
    assert measures.period_summary(release, EVALUATOR)["headcount"].tolist() == [6, 7]


def test_employee_sees_only_the_own_statement(serving_dir: Path) -> None:
    release = _release(serving_dir)
    assert org.periods(release, EMPLOYEE_B) == ["2025-01", "2025-02"]
    own = tukin.employee_month(release, EMPLOYEE_B, NIP["B"], "2025-02")
    assert own["nip"].tolist() == [NIP["B"]]
    assert own["full_name"].tolist() == ["Siti Rahmawati"]
    assert tukin.employee_options(release, EMPLOYEE_B, "2025-02")["nip"].tolist() == [NIP["B"]]
    for key in "ACDEFG":
        assert tukin.employee_month(release, EMPLOYEE_B, NIP[key], "2025-02").empty
        assert tukin.tukin_lines(release, EMPLOYEE_B, NIP[key], "2025-02").empty
    assert measures.period_summary(release, EMPLOYEE_B).empty
    assert org.unit_info(release, EMPLOYEE_B, "BIRO_UMUM").empty
    assert measures.unit_employees(release, EMPLOYEE_B, "BIRO_UMUM", "2025-02").empty


def test_scope_without_unit_or_nip_sees_nothing(serving_dir: Path) -> None:
    """Deny by default: an account missing its unit, and the data-quality role."""
    release = _release(serving_dir)
    for scope in (ADMIN, Scope(Role.PIMPINAN, None, None, True), Scope(Role.EVALUATOR_RB)):
        assert org.periods(release, scope) == []
        assert measures.period_summary(release, scope).empty
        assert org.scope_tops(release, scope).empty
        assert measures.child_units(release, scope, "2025-02").empty
        assert measures.units_needing_attention(release, scope, "2025-02", min_headcount=0).empty
        assert org.unit_info(release, scope, "KEMENSOS").empty


def test_hostile_values_are_bound_not_spliced(serving_dir: Path) -> None:
    """An injection attempt is just a value that matches nothing — and raises nothing."""
    release = _release(serving_dir)
    for value in HOSTILE:
        assert org.unit_info(release, SETJEN_HEAD, value).empty
        assert measures.unit_measures(release, MINISTRY, value).empty
        assert measures.child_units(release, MINISTRY, value).empty
        assert tukin.employee_month(release, MINISTRY, value, "2025-02").empty
        assert tukin.tukin_lines(release, MINISTRY, NIP["A"], value).empty
    for value in HOSTILE[:4]:
        assert tukin.employee_options(release, SETJEN_HEAD, "2025-02", value).empty
    hostile_scope = Scope(Role.PIMPINAN, "' OR 1=1 --", "' OR 1=1 --", True)
    assert org.periods(release, hostile_scope) == []


def test_employee_search_by_name_or_nip_start(serving_dir: Path) -> None:
    release = _release(serving_dir)
    by_name = tukin.employee_options(release, MINISTRY, "2025-02", "lestari")
    assert by_name["nip"].tolist() == [NIP["D"]]
    by_nip = tukin.employee_options(release, MINISTRY, "2025-02", NIP["G"][:6])
    assert by_nip["nip"].tolist() == [NIP["G"]]


def test_tukin_lines_add_up_to_potential_minus_net(serving_dir: Path) -> None:
    release = _release(serving_dir)
    for key, period, *_ in MONTHLY:
        month = tukin.employee_month(release, MINISTRY, NIP[key], period).iloc[0]
        lines = tukin.tukin_lines(release, MINISTRY, NIP[key], period)
        withheld = month["tukin_potential_idr"] - month["tukin_net_idr"]
        assert lines["amount_idr"].sum() == withheld
        assert lines["line_no"].tolist() == list(range(1, len(lines) + 1))


def test_release_quality_only_for_quality_roles(serving_dir: Path) -> None:
    release = _release(serving_dir)
    marts, sources = quality.release_quality(release, ADMIN)
    # the fixture release also carries dim_period and dim_code_label
    assert set(marts["table"]) == set(data.REQUIRED_MARTS) | set(label_frames()) | {
        "fct_activity_reports",
        "fct_review_backlog",
        "dim_policy_parameter",
    }
    assert sources["table"].tolist() == ["simpeg__employee"]
    for scope in (SETJEN_HEAD, EVALUATOR, EMPLOYEE_B):
        assert all(frame.empty for frame in quality.release_quality(release, scope))


def test_new_publication_is_picked_up(serving_dir: Path) -> None:
    """Results are cached per release id: pointing CURRENT at a new release changes the data."""
    old = _release(serving_dir)
    assert org.periods(old, MINISTRY) == ["2025-01", "2025-02"]
    new_dir = serving_dir / "releases" / "20250401T000000000000Z-12345678"
    shutil.copytree(serving_dir / "releases" / old.release_id, new_dir)
    for mart in ("fct_employee_monthly", "fct_unit_monthly"):
        frame = pd.read_parquet(new_dir / f"{mart}.parquet")
        frame[frame["period"] == "2025-02"].to_parquet(new_dir / f"{mart}.parquet")
    (serving_dir / POINTER).write_text(new_dir.name)
    new = _release(serving_dir)
    assert new.release_id == new_dir.name
    assert org.periods(new, MINISTRY) == ["2025-02"]
    assert measures.period_summary(new, MINISTRY)["period"].tolist() == ["2025-02"]
