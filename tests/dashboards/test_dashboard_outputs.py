"""The Output & Anggaran and Pengembangan pages through the whole app (AppTest), their
data functions' scoping, and their chart builders. Numbers from tests/dashboards/outputs_release.py.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import charts, data
from dashboards.lib.access import Role, scope_for
from dashboards.lib.data import development, outputs
from eperf.serving import RELEASES
from tests.dashboards.conftest import EMPLOYEES, RELEASE_ID
from tests.dashboards.helpers import personal_data_in, rendered_text, sign_in, titles
from tests.dashboards.outputs_release import add_output_marts

OUTPUT_PAGES = {"output": "app_pages/output.py", "pengembangan": "app_pages/pengembangan.py"}
INJECTIONS = ("' OR 1=1 --", "x'; DROP TABLE t; --", "KEMENSOS/%", "%", "REHSOS" * 20)


@pytest.fixture
def outputs_serving_dir(serving_dir: Path) -> Path:
    add_output_marts(serving_dir / RELEASES / RELEASE_ID)
    return serving_dir


def _open(at: AppTest, page: str, params: dict[str, str] | None = None) -> AppTest:
    at.switch_page(OUTPUT_PAGES[page])
    at.query_params.clear()
    at.query_params.update(params or {})
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _array(value: object) -> list:
    """A trace array from a chart spec: Plotly sends numbers as typed base64 ``bdata``."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if shape:
            flat = flat.reshape([int(n) for n in str(shape).split(",")])
        return flat.tolist()
    return list(value)


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _grid(spec: dict) -> list[list[int]]:
    z = spec["data"][0]["z"]
    return [_array(row) for row in z] if isinstance(z, list) else _array(z)


def _denied_text() -> str:
    from dashboards.lib.i18n import t

    return t("unit_denied", "id")


# --- Output & Anggaran ------------------------------------------------------------------------


def test_output_page_lists_outputs_behind_plan_first(outputs_serving_dir: Path) -> None:
    at = _open(sign_in("menteri"), "output")
    assert not at.exception, at.exception
    assert titles(at) == ["Output & Anggaran"]
    assert at.query_params["unit"] == "KEMENSOS"
    assert _metric(at, "Jumlah output") == "4"
    assert _metric(at, "Output tertinggal") == "1"
    assert _metric(at, "Realisasi output") == "11,5%"
    assert _metric(at, "Rencana (linear)") == "16,7%"
    assert _metric(at, "Menit tanpa output") == "10,0%"
    outputs = at.dataframe[0].value
    assert outputs["Kode output"].tolist()[0] == "OUT-ARSIP"  # TERTINGGAL first
    assert outputs["Status"].tolist() == [
        "TERTINGGAL",
        "SESUAI_RENCANA",
        "SESUAI_RENCANA",
        "SESUAI_RENCANA",
    ]
    # then by points behind plan: OUT-UMUM and OUT-LAMA trail 6.67, OUT-ANAK is ahead
    assert outputs["Kode output"].tolist()[-1] == "OUT-ANAK"
    trend, cost, no_output = _charts(at)
    assert [trace["name"] for trace in trend["data"]] == ["Rencana", "Realisasi"]
    assert _array(trend["data"][1]["y"]) == [6.25, 11.54]
    # tukin per unit at Feb: ANAK 4,000,000 / 60, LAMA 500,000 / 5, UMUM 2,000,000 / 10,
    # ARSIP 3,000,000 / 10: cheapest first (the most expensive bar on top)
    assert _array(cost["data"][0]["y"]) == ["OUT-ANAK", "OUT-LAMA", "OUT-UMUM", "OUT-ARSIP"]
    assert _array(no_output["data"][0]["x"]) == [
        "Sekretariat Jenderal",
        "Ditjen Rehabilitasi Sosial",
        "Unit Lama Rehsos",
    ]
    assert personal_data_in(at) == []


def test_unit_head_sees_only_own_outputs(outputs_serving_dir: Path) -> None:
    at = _open(sign_in("pimpinan-setjen"), "output")
    assert not at.exception, at.exception
    assert at.query_params["unit"] == "SETJEN"
    # 3.25 with one decimal, half-up as eperf.formats rounds every figure
    assert _metric(at, "Realisasi output") == "3,3%"
    assert sorted(at.dataframe[0].value["Kode output"]) == ["OUT-ARSIP", "OUT-UMUM"]
    text = rendered_text(at)
    assert "OUT-ANAK" not in text and "OUT-LAMA" not in text


@pytest.mark.parametrize("page", ["output", "pengembangan"])
def test_unit_head_cannot_reach_another_unit_by_query_param(
    outputs_serving_dir: Path, page: str
) -> None:
    at = sign_in("pimpinan-setjen")
    for unit in ("REHSOS", "DIT_ANAK", "KEMENSOS", "REHSOSX", *INJECTIONS):
        _open(at, page, {"unit": unit, "period": "2025-02"})
        assert not at.exception, (unit, at.exception)
        assert [e.value for e in at.error] == [_denied_text()], unit
        assert not at.dataframe and not at.metric and not at.get("plotly_chart"), unit
        text = rendered_text(at)
        assert "OUT-ANAK" not in text and "Direktorat Rehsos Anak" not in text, unit
        assert personal_data_in(at) == [], unit
    _open(at, page, {"unit": "BIRO_UMUM"})  # inside the subtree: allowed
    assert not at.error and at.get("plotly_chart")


@pytest.mark.parametrize("username", ["perencana-setjen", "evaluator"])
@pytest.mark.parametrize("page", ["output", "pengembangan"])
def test_roles_without_personal_data_see_no_nip_or_name(
    outputs_serving_dir: Path, username: str, page: str
) -> None:
    at = _open(sign_in(username), page)
    assert not at.exception, at.exception
    assert not at.error
    assert at.get("plotly_chart")  # the aggregates are there
    assert personal_data_in(at) == []
    for nip, _ in EMPLOYEES.values():
        assert nip not in rendered_text(at)


@pytest.mark.parametrize("username", ["pegawai-b", "admin"])
@pytest.mark.parametrize("page", ["output", "pengembangan"])
def test_roles_without_the_pages_cannot_open_them(
    outputs_serving_dir: Path, username: str, page: str
) -> None:
    at = sign_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(OUTPUT_PAGES[page])


@pytest.mark.parametrize("page", ["output", "pengembangan"])
def test_release_without_the_new_marts_still_serves(serving_dir: Path, page: str) -> None:
    at = _open(sign_in("menteri"), page)
    assert not at.exception, at.exception
    assert [i.value.split(" ")[0] for i in at.info] == ["Belum"]


# --- Pengembangan -----------------------------------------------------------------------------


def test_development_grid_counts_and_cell_drill(outputs_serving_dir: Path) -> None:
    at = _open(sign_in("menteri"), "pengembangan")
    assert not at.exception, at.exception
    assert titles(at) == ["Pengembangan"]
    (grid,) = _charts(at)
    # rows performance LOW, MID, HIGH; columns behaviour LOW, MID, HIGH (by hand: 7 employees)
    assert _grid(grid) == [[1, 1, 0], [0, 2, 1], [0, 1, 1]]
    recommendations = at.dataframe[0].value
    assert dict(zip(recommendations["Rekomendasi"], recommendations["Pegawai"], strict=True)) == {
        "Pembinaan kinerja": 2,
        "Pembinaan perilaku": 1,
        "Siap pengembangan karier": 2,
    }
    cell = at.selectbox(key="dev_cell_KEMENSOS_2025-02")
    assert cell.value == ("HIGH", "HIGH")
    assert at.dataframe[1].value["Nama"].tolist() == [EMPLOYEES["C"][1]]
    cell.set_value(("MID", "MID")).run()
    assert sorted(at.dataframe[1].value["Nama"]) == sorted([EMPLOYEES["D"][1], EMPLOYEES["E"][1]])


def test_unit_head_drills_only_into_own_subtree(outputs_serving_dir: Path) -> None:
    at = _open(sign_in("pimpinan-rehsos"), "pengembangan")
    assert not at.exception, at.exception
    (grid,) = _charts(at)
    assert _grid(grid) == [[0, 1, 0], [0, 0, 1], [0, 0, 0]]  # F and G only
    at.selectbox(key="dev_cell_REHSOS_2025-02").set_value(("LOW", "MID")).run()
    assert at.dataframe[-1].value["Nama"].tolist() == [EMPLOYEES["G"][1]]
    assert personal_data_in(at, "ABCDE") == []


def test_evaluator_sees_counts_but_no_cell_list(outputs_serving_dir: Path) -> None:
    at = _open(sign_in("evaluator"), "pengembangan")
    assert "Daftar pegawai hanya untuk peran" in rendered_text(at)
    assert not [s for s in at.selectbox if (s.key or "").startswith("dev_cell_")]


# --- data layer and charts --------------------------------------------------------------------


def test_cell_employees_need_personal_data_in_the_data_layer(outputs_serving_dir: Path) -> None:
    release = data.current_release(outputs_serving_dir)
    for role in (Role.PERENCANA, Role.EVALUATOR_RB):
        scope = scope_for(role, "KEMENSOS", None)
        rows = development.development_cell_employees(
            release, scope, "KEMENSOS", "2025-02", "MID", "MID"
        )
        assert rows.empty
    scope = scope_for(Role.PIMPINAN, "SETJEN", None)
    assert outputs.output_realisation(release, scope, "REHSOS", "2025-02").empty
    assert outputs.output_trend(release, scope, "KEMENSOS").empty
    rows = development.development_cell_employees(release, scope, "SETJEN", "2025-02", "MID", "MID")
    assert len(rows) == 2


def test_development_grid_chart_fills_empty_cells() -> None:
    grid = pd.DataFrame(
        {"performance_axis": ["HIGH", "LOW"], "behaviour_axis": ["MID", "LOW"], "employees": [3, 1]}
    )
    levels = {"LOW": "Rendah", "MID": "Sedang", "HIGH": "Tinggi"}
    fig = charts.development_grid_chart(grid, levels, {"performance": "K", "behaviour": "P"})
    assert [list(row) for row in fig.data[0].z] == [[1, 0, 0], [0, 0, 0], [0, 3, 0]]
    assert list(fig.data[0].x) == ["Rendah", "Sedang", "Tinggi"]


def test_tukin_per_unit_chart_leaves_out_outputs_without_volume() -> None:
    outputs = pd.DataFrame(
        {
            "output_code": ["A", "B", "C"],
            "output_name": ["a", "b", "c"],
            "output_unit": ["berkas"] * 3,
            "output_status": ["TERTINGGAL", "SESUAI_RENCANA", "SESUAI_RENCANA"],
            "tukin_per_unit_idr": [50_000, None, 20_000],
        }
    )
    fig = charts.tukin_per_unit_chart(outputs)
    assert list(fig.data[0].y) == ["C", "A"]
    assert list(fig.data[0].marker.color) == ["#2ca02c", "#d62728"]


@pytest.mark.parametrize(
    ("page", "title"), [("output", "Outputs & Budget"), ("pengembangan", "Development")]
)
def test_pages_in_english(outputs_serving_dir: Path, page: str, title: str) -> None:
    at = sign_in("menteri")
    at.radio(key="lang").set_value("en").run()
    _open(at, page)
    assert not at.exception, at.exception
    assert titles(at) == [title]
    assert at.get("plotly_chart")
