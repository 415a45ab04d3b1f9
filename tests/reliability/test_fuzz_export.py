"""Property-based: whatever text reaches a published release (unit names, indicator names,
formulas, legal bases, unit ids), the exported workbook and CSV never hold a cell a spreadsheet
would run as a formula, and the export does not crash on it (eperf.export)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eperf.export import GROUP_SHEETS, export_indicators
from eperf.serving import MANIFEST, POINTER, RELEASES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INJECTIONS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "=1+1",
    "\t=1",
    "\r=1",
    "=cmd|'/c calc'!A1",
]
TEXT = st.one_of(
    st.sampled_from(INJECTIONS),
    st.text(max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(INJECTIONS), st.text(max_size=10)),
)
FAST = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples in CI and on every re-run
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _write_release(serving_dir: Path, names: list[tuple[str, str, str, str, str]]) -> None:
    release = serving_dir / RELEASES / "r1"
    release.mkdir(parents=True)
    units, indicators = [], []
    for i, (unit_id, unit_name, indicator_name, formula, legal_basis) in enumerate(names):
        uid = f"{unit_id}#{i}"
        units.append({"unit_id": uid, "unit_name": unit_name, "path": f"ROOT/{i}"})
        indicators.append(
            {
                "period": "2025-01",
                "unit_id": uid,
                "indicator_code": f"RB_{i}",
                "indicator_group": list(GROUP_SHEETS)[i % len(GROUP_SHEETS)],
                "indicator_name_id": indicator_name,
                "value": Decimal("-12.50"),  # a negative number is a number, not a formula
                "numerator": Decimal("1.00"),
                "denominator": Decimal("8.00"),
                "formula": formula,
                "legal_basis": legal_basis,
                "rule_set": "=evil-rule-set",
            }
        )
    pq.write_table(pa.Table.from_pylist(units), release / "dim_org_unit.parquet")
    pq.write_table(pa.Table.from_pylist(indicators), release / "rpt_rb_indicators.parquet")
    manifest = {
        "release_id": "r1",
        "run_id": "+run",
        "rule_set": "=evil-rule-set",
        "published_at": "@now",
        "source_row_counts": {"=raw.x": 1},
    }
    (release / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (serving_dir / POINTER).write_text("r1", encoding="utf-8")


def _assert_xlsx_safe(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_STARTS), (cell.coordinate, cell.value)
    return [c.value for c in cells]


def _assert_csv_safe(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            for value in row:
                assert _is_number(value) or not value.startswith(FORMULA_STARTS), value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@FAST
@given(names=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=6))
def test_exports_never_hold_a_formula(tmp_path_factory: pytest.TempPathFactory, names) -> None:
    root = tmp_path_factory.mktemp("fuzz_export")
    _write_release(root / "serving", names)
    xlsx, text = root / "rb.xlsx", root / "rb.csv"
    assert export_indicators(root / "serving", "2025-01", None, "xlsx", xlsx) == len(names)
    values = _assert_xlsx_safe(xlsx)
    assert -12.5 in values  # numbers are kept as numbers
    assert export_indicators(root / "serving", "2025-01", None, "csv", text) == len(names)
    _assert_csv_safe(text)
