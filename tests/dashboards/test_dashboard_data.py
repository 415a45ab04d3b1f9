"""lib/data.py against the fake release: hand-computed numbers (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboards.lib import data
from eperf.serving import POINTER


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


def test_release_without_required_mart_is_not_usable(serving_dir: Path) -> None:
    release = _release(serving_dir)
    (serving_dir / "releases" / release.release_id / "dim_org_unit.parquet").unlink()
    assert data.current_release(serving_dir) is None


def test_period_summary(serving_dir: Path) -> None:
    release = _release(serving_dir)
    summary = data.period_summary(release.serving_dir, release.release_id).set_index("period")
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


def test_eselon1_summary(serving_dir: Path) -> None:
    release = _release(serving_dir)
    by_e1 = data.eselon1_summary(release.serving_dir, release.release_id, "2025-02")
    by_e1 = by_e1.set_index("eselon1_unit_id")
    assert sorted(by_e1.index) == ["REHSOS", "SETJEN"]
    setjen, rehsos = by_e1.loc["SETJEN"], by_e1.loc["REHSOS"]
    assert setjen["eselon1_unit_name"] == "Sekretariat Jenderal"
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


def test_units_needing_attention_respects_minimum_headcount(serving_dir: Path) -> None:
    release = _release(serving_dir)
    units = data.units_needing_attention(release.serving_dir, release.release_id, "2025-02")
    assert units["unit_id"].tolist() == ["BIRO_UMUM"]  # DIT_ANAK has 2 employees (< 5)
    row = units.iloc[0]
    assert row["eselon1_unit_name"] == "Sekretariat Jenderal"
    assert row["tk_rate_pct"] == pytest.approx(7.0)


def test_units_needing_attention_ordered_by_tk_rate(serving_dir: Path) -> None:
    release = _release(serving_dir)
    units = data.units_needing_attention(
        release.serving_dir, release.release_id, "2025-02", min_headcount=1
    )
    assert units["unit_id"].tolist() == ["BIRO_UMUM", "DIT_ANAK"]
    assert units["tk_rate_pct"].tolist() == pytest.approx([7.0, 0.0])
    limited = data.units_needing_attention(
        release.serving_dir, release.release_id, "2025-02", min_headcount=1, limit=1
    )
    assert limited["unit_id"].tolist() == ["BIRO_UMUM"]


def test_filter_values_are_bound_not_spliced(serving_dir: Path) -> None:
    """A hostile period is just a value that matches nothing."""
    release = _release(serving_dir)
    hostile = "2025-02' or '1'='1"
    assert data.eselon1_summary(release.serving_dir, release.release_id, hostile).empty


def test_new_publication_is_picked_up(serving_dir: Path) -> None:
    """Results are cached per release id: pointing CURRENT at a new release changes the data."""
    old = _release(serving_dir)
    assert len(data.period_summary(old.serving_dir, old.release_id)) == 2
    new_dir = serving_dir / "releases" / "20250401T000000000000Z-12345678"
    new_dir.mkdir()
    old_dir = serving_dir / "releases" / old.release_id
    for name in ("dim_org_unit.parquet", "_release.json"):
        (new_dir / name).write_bytes((old_dir / name).read_bytes())
    fct = pd.read_parquet(old_dir / "fct_employee_monthly.parquet")
    fct[fct["period"] == "2025-02"].to_parquet(new_dir / "fct_employee_monthly.parquet")
    (serving_dir / POINTER).write_text(new_dir.name)
    new = _release(serving_dir)
    assert new.release_id == new_dir.name
    assert data.period_summary(new.serving_dir, new.release_id)["period"].tolist() == ["2025-02"]
