"""The data-quality files of a fixture release (conftest.write_release): the quarantine marts, the
load log and the check results, hand-made like the other fixture marts, and
fct_employee_monthly rewritten with its quarantine columns.

Six quarantined rows, four still held:

- held: two UNKNOWN_PIN punches of employee B (device CSV lines), one BAD_TIMESTAMP line of a
  device log (scope: the device), one BAD_ENUM activity report of employee F;
- resolved: A's leave request (DATES_OUT_OF_ORDER, later LOADED) and a DUPLICATE punch of C
  (SUPERSEDED; changes nobody's figures).

Marked employee-months: B in 2025-02 (3 rows: BAD_TIMESTAMP, UNKNOWN_PIN) and F in 2025-02
(1 row: BAD_ENUM). B's 2025-01 is not marked. Check results: three suites, one warning failing
(its sample holds F's NIP) and an older failed run of a suite that passes now (not the latest).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from eperf.serving import QUALITY_FOLDER
from tests.dashboards.conftest import MONTHLY, NIP, employee_monthly_frame

DEVICE_LINE_B = f"KMS-JKT-0001,{NIP['B']},2025-02-03 07:31:00,FINGER,0"
DEVICE_LINE_B2 = f"KMS-JKT-0001,{NIP['B']},2025-02-12 07:29:10,FINGER,0"
ATTLOG_LINE = "77\t2025-02-10 07:61:00\t0\t1\t0\t0\t0"
REPORT_F = json.dumps({"report_id": "R-12", "nip": NIP["F"], "status": "DITOLAK"})
REPORT_F_DETAIL = "status DITOLAK is not one of: DRAFT, SUBMITTED, APPROVED, REJECTED"
LEAVE_A = json.dumps({"leave_id": "3", "nip": NIP["A"], "start_date": "2025-01-10"})
LEAVE_A_DETAIL = "end_date 2025-01-08 is before start_date 2025-01-10"
DUPLICATE_C = f"KMS-JKT-0001,{NIP['C']},2025-01-06 07:20:00,FINGER,0"
# Every row text and detail: none of them may reach a role other than ADMIN_DATA.
ROW_TEXTS = (DEVICE_LINE_B, DEVICE_LINE_B2, ATTLOG_LINE, REPORT_F, LEAVE_A, DUPLICATE_C)
DETAILS = (REPORT_F_DETAIL, LEAVE_A_DETAIL)

_QUARANTINED = [
    # source, object, row, reason, detail, raw_text, scope kind, scope value, first, last,
    # ingested_at, resolved_at, resolution
    ("attendance", "KMS-JKT-0001/2025-02-03.csv", 4, "UNKNOWN_PIN", None, DEVICE_LINE_B,
     "nip", NIP["B"], "2025-02-03", "2025-02-03", "2025-02-04 01:00", None, None),
    ("attendance", "KMS-JKT-0001/attlog-2025-02-10.dat", 7, "BAD_TIMESTAMP", None, ATTLOG_LINE,
     "device", "KMS-JKT-0001", "2025-02-10", "2025-02-10", "2025-02-11 01:00", None, None),
    ("attendance", "KMS-JKT-0001/2025-02-12.csv", 9, "UNKNOWN_PIN", None, DEVICE_LINE_B2,
     "nip", NIP["B"], "2025-02-12", "2025-02-12", "2025-02-13 01:00", None, None),
    ("app", "activity_report", 12, "BAD_ENUM", REPORT_F_DETAIL, REPORT_F,
     "nip", NIP["F"], "2025-02-17", "2025-02-17", "2025-02-20 02:00", None, None),
    ("app", "leave_request", 3, "DATES_OUT_OF_ORDER", LEAVE_A_DETAIL, LEAVE_A,
     "nip", NIP["A"], "2025-01-08", "2025-01-10", "2025-01-15 02:00", "2025-01-20 02:00",
     "LOADED"),
    ("attendance", "KMS-JKT-0001/2025-01-06.csv", 5, "DUPLICATE", None, DUPLICATE_C,
     None, None, "2025-01-06", "2025-01-06", "2025-01-07 01:00", "2025-01-08 01:00",
     "SUPERSEDED"),
]  # fmt: skip
# (employee key, period, unit, rows, reasons)
MARKED = [
    ("B", "2025-02", "BIRO_UMUM", 3, "BAD_TIMESTAMP, UNKNOWN_PIN"),
    ("F", "2025-02", "DIT_ANAK", 1, "BAD_ENUM"),
]
_LOADS = [
    # batch, source, object, rows in, loaded, quarantined, changed, ingested_at, merged
    ("b1", "simpeg", "employee", 8, 8, 0, 8, "2025-02-01 01:00", 0),
    ("b2", "simpeg", "employee", 1, 1, 0, 0, "2025-02-20 01:00", 0),
    ("b2", "simpeg", "org_unit", 2, 2, 0, 0, "2025-02-20 01:00", 0),
    ("b3", "app", "activity_report", 120, 119, 1, 119, "2025-02-20 02:00", 0),
    ("b3", "app", "leave_request", 10, 10, 0, 10, "2025-02-20 02:00", 0),
    ("b4", "attendance", "device_export", 12_500, 12_450, 3, None, "2025-02-13 01:00", 47),
]
_CHECKS = [
    # suite, source, table, blocking, success, expectation, column, unexpected, elements,
    # sample, validated_at
    ("simpeg__employee__contract", "simpeg", "employee", True, False,
     "expect_column_values_to_not_be_null", "nip", 2, 9, "[null, null]", "2025-02-01 01:05"),
    ("simpeg__employee__contract", "simpeg", "employee", True, True,
     None, None, 0, 9, "[]", "2025-02-20 01:05"),
    ("app__activity_report__warnings", "app", "activity_report", False, False,
     "expect_column_values_to_be_in_set", "employee_known", 1, 119, json.dumps([NIP["F"]]),
     "2025-02-20 02:05"),
    ("attendance__punch__contract", "attendance", "punch", True, True,
     None, None, 0, 450, "[]", "2025-02-13 01:05"),
]  # fmt: skip


def _ts(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def quarantined_rows_frame() -> pd.DataFrame:
    """fct_quarantined_rows with every contract column."""
    rows = []
    for number, row in enumerate(_QUARANTINED):
        source, obj, line, reason, detail, raw, kind, value, first, last, at, resolved, how = row
        rows.append(
            {
                "batch_id": f"batch-{number}",
                "source": source,
                "source_object": obj,
                "source_row_number": line,
                "reason": reason,
                "detail": detail,
                "raw_text": raw,
                "scope_kind": kind,
                "scope_value": value,
                "first_date": _day(first),
                "last_date": _day(last),
                "ingested_at": _ts(at),
                "quarantined_on": _ts(at).date(),
                "resolved_at": _ts(resolved),
                "resolution": how,
                "is_active": resolved is None,
            }
        )
    frame = pd.DataFrame(rows)
    return frame.astype({"source_row_number": "int64", "resolved_at": "datetime64[us]"})


def marked_months_frame() -> pd.DataFrame:
    """fct_marked_employee_months."""
    return pd.DataFrame(
        [
            {
                "nip": NIP[key],
                "period": period,
                "unit_id": unit,
                "quarantined_rows": rows,
                "reasons": reasons,
            }
            for key, period, unit, rows, reasons in MARKED
        ]
    ).astype({"quarantined_rows": "int32"})


def employee_monthly_with_marks(monthly: list[tuple] = MONTHLY) -> pd.DataFrame:
    """fct_employee_monthly with ``has_quarantined_input`` and ``quarantined_rows``."""
    frame = employee_monthly_frame(monthly)
    rows = {(NIP[key], period): n for key, period, _unit, n, _reasons in MARKED}
    counts = [rows.get((n, p), 0) for n, p in zip(frame["nip"], frame["period"], strict=True)]
    return frame.assign(
        has_quarantined_input=[c > 0 for c in counts],
        quarantined_rows=pd.Series(counts, dtype="int32"),
    )


def load_batches_frame() -> pd.DataFrame:
    columns = [
        *("batch_id", "source", "source_object", "rows_in", "rows_loaded", "rows_quarantined"),
        *("rows_changed", "ingested_at", "rows_merged"),
    ]
    frame = pd.DataFrame(_LOADS, columns=columns)
    frame["ingested_at"] = pd.to_datetime(frame["ingested_at"])
    return frame.astype({"rows_changed": "Int64"})


def check_results_frame() -> pd.DataFrame:
    columns = [
        *("suite", "source", "source_table", "blocking", "success", "expectation"),
        *("column_name", "unexpected_count", "element_count", "unexpected_sample", "validated_at"),
    ]
    frame = pd.DataFrame(_CHECKS, columns=columns)
    frame["validated_at"] = pd.to_datetime(frame["validated_at"])
    return frame


def add_quality_files(release: Path) -> Path:
    """Write the data-quality files into the release folder (as eperf.serving.publish lays them
    out) and rewrite fct_employee_monthly with its quarantine columns."""
    employee_monthly_with_marks().to_parquet(release / "fct_employee_monthly.parquet", index=False)
    quarantined_rows_frame().to_parquet(release / "fct_quarantined_rows.parquet", index=False)
    marked_months_frame().to_parquet(release / "fct_marked_employee_months.parquet", index=False)
    folder = release / QUALITY_FOLDER
    folder.mkdir(exist_ok=True)
    load_batches_frame().to_parquet(folder / "load_batches.parquet", index=False)
    check_results_frame().to_parquet(folder / "check_results.parquet", index=False)
    return release
