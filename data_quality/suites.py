"""Expectation suites as code, one pair per raw table: ``contract`` (blocking) and ``warnings``.

Ingestion quarantines each row that breaks its table's contract before it reaches ``raw``
(ingestion/row_contract.py), so a ``contract`` suite is the second line: it fails only when
something let such a row through, or for what no single row shows (a key twice, catalogue
versions that overlap), and then stops publication. ``warnings`` are defects the models resolve
deterministically but the data team must fix at the source (overlapping assignments, NIPs that
disagree with the birth date). What blocks for a broken source (a missing table or column, too
many rejected rows) is data_quality/rejected_share.py.

Each suite reads its DataFrame with ``query``: the columns its expectations check, each a column
of the table or a boolean computed in DuckDB (GX has no cross-row expectations for overlaps or
references), and no other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingestion.contract import (
    LEAVE_STATUSES,
    RANK_GRADES,
    RATINGS,
    REPORT_STATUSES,
    TIMEZONES,
    UNIT_KINDS,
    VERIFY_MODES,
)
from ingestion.row_contract import seed_codes

LEAVE_TYPES = list(seed_codes("policy_leave_factors", "leave_type"))
SANCTION_TYPES = list(seed_codes("policy_sanction_cuts", "sanction_type"))
NIP_REGEX = r"^\d{18}$"


@dataclass(frozen=True)
class Expectation:
    """A Great Expectations expectation on a column: its GX class name and arguments. GX builds
    it only when a suite validates (data_quality/validate.py): importing GX takes about 3 s of
    every process that loads the pipeline, and a run whose suites' tables did not change
    validates none."""

    kind: str  # a class of great_expectations.expectations, e.g. ExpectColumnValuesToBeInSet
    column: str
    options: dict[str, Any] = field(default_factory=dict)

    def arguments(self) -> dict[str, Any]:
        return {"column": self.column, **self.options}


def _expect(kind: str, column: str, **options) -> Expectation:
    return Expectation(kind, column, options)


def _true(column: str) -> Expectation:
    return _expect("ExpectColumnValuesToBeInSet", column, value_set=[True])


def _in(column: str, values) -> Expectation:
    return _expect("ExpectColumnValuesToBeInSet", column, value_set=list(values))


def _not_null(column: str) -> Expectation:
    return _expect("ExpectColumnValuesToNotBeNull", column)


def _known(table: str, key: str) -> str:
    """A derived column: the row's ``key`` names a row of ``raw.<table>`` (a reference look-up)."""
    return f"exists (select 1 from raw.{table} r where r.{key} = t.{key})"


@dataclass(frozen=True)
class Suite:
    """One suite on one raw table; ``blocking`` suites stop publication when they fail."""

    name: str
    asset_key: tuple[str, str]
    query: str
    expectations: Callable[[], list[Expectation]]
    blocking: bool
    # Each row's result depends on that row and on other tables only (no uniqueness, no
    # comparison with other rows of its table): after a pass, with those other tables unchanged,
    # only newly landed rows need validating (data_quality/validate.py).
    row_wise: bool = False


def _contract_and_warnings(
    source: str,
    table: str,
    contract: Callable,
    warnings: Callable | None,
    derived: dict[str, str] | None = None,
    joins: str = "",
    row_wise: bool = False,
) -> list[Suite]:
    """The table's contract suite and, if any, its warnings suite. An expectation reads a column
    of the table (``t.name``) or one of ``derived``, boolean columns computed in DuckDB (name:
    expression). Each suite's query selects only the columns its own expectations read: a column
    no expectation looks at would still be read into pandas for every row (the activity reports'
    ids and dates were most of a ministry-year's checks)."""
    derived = derived or {}

    def suite(kind: str, expectations: Callable, blocking: bool) -> Suite:
        read = dict.fromkeys(e.column for e in expectations())
        selected = ", ".join(f"{derived[c]} as {c}" if c in derived else f"t.{c}" for c in read)
        query = f"select {selected} from raw.{source}__{table} t {joins}".rstrip()
        name = f"{source}__{table}__{kind}"
        return Suite(name, (source, table), query, expectations, blocking, row_wise)

    suites = [suite("contract", contract, True)]
    if warnings is not None:
        suites.append(suite("warnings", warnings, False))
    return suites


SUITES: list[Suite] = [
    *_contract_and_warnings(
        "simpeg",
        "org_unit",
        lambda: [
            _not_null("unit_id"),
            _expect("ExpectColumnValuesToBeUnique", "unit_id"),
            _expect("ExpectColumnValuesToBeBetween", "echelon", min_value=0, max_value=4),
            _in("unit_kind", UNIT_KINDS),
            _in("timezone", TIMEZONES),
            _true("parent_known"),
        ],
        None,
        derived={"parent_known": "(t.parent_unit_id is null or p.unit_id is not null)"},
        joins="left join raw.simpeg__org_unit p on p.unit_id = t.parent_unit_id",
    ),
    *_contract_and_warnings(
        "simpeg",
        "employee",
        lambda: [
            _expect("ExpectColumnValuesToMatchRegex", "nip", regex=NIP_REGEX),
            _expect("ExpectColumnValuesToBeUnique", "nip"),
            _in("sex", ["L", "P"]),
            _in("employment_status", ["PNS", "CPNS", "PPPK"]),
            _true("hired_after_birth"),
        ],
        lambda: [
            _true("nip_matches_birth_date"),
            _in("rank_grade", list(RANK_GRADES)),
        ],
        derived={
            "hired_after_birth": "t.hire_date > t.birth_date",
            "nip_matches_birth_date": "substr(t.nip, 1, 8) = strftime(t.birth_date, '%Y%m%d')",
        },
    ),
    *_contract_and_warnings(
        "simpeg",
        "position_assignment",
        lambda: [
            _expect("ExpectColumnValuesToBeBetween", "job_class", min_value=1, max_value=17),
            _in("position_kind", ["STRUKTURAL", "FUNGSIONAL", "PELAKSANA"]),
            _true("dates_in_order"),
        ],
        lambda: [_true("no_overlap"), _true("employee_known"), _true("unit_known")],
        derived={
            "dates_in_order": "(t.end_date is null or t.end_date >= t.start_date)",
            "no_overlap": (
                "not exists (select 1 from raw.simpeg__position_assignment o where o.nip = t.nip"
                " and o.assignment_id <> t.assignment_id"
                " and o.start_date <= coalesce(t.end_date, date '9999-12-31')"
                " and coalesce(o.end_date, date '9999-12-31') >= t.start_date)"
            ),
            "employee_known": _known("simpeg__employee", "nip"),
            "unit_known": _known("simpeg__org_unit", "unit_id"),
        },
    ),
    *_contract_and_warnings(
        "simpeg",
        "disciplinary_sanction",
        lambda: [_in("sanction_type", SANCTION_TYPES), _true("dates_in_order")],
        None,
        derived={"dates_in_order": "t.end_date >= t.start_date"},
    ),
    *_contract_and_warnings(
        "app",
        "attendance_device",
        lambda: [_not_null("device_sn")],
        lambda: [_true("unit_known")],
        derived={"unit_known": _known("simpeg__org_unit", "unit_id")},
    ),
    *_contract_and_warnings(
        "app",
        "device_user",
        lambda: [_not_null("device_pin"), _true("dates_in_order")],
        # an id enrolled twice on one machine for overlapping days: punches take the later one
        lambda: [_true("no_overlap")],
        derived={
            "dates_in_order": "(t.valid_to is null or t.valid_to >= t.valid_from)",
            "no_overlap": (
                "not exists (select 1 from raw.app__device_user o"
                " where o.device_sn = t.device_sn and o.device_pin = t.device_pin"
                " and o.valid_from <> t.valid_from"
                " and o.valid_from <= coalesce(t.valid_to, date '9999-12-31')"
                " and coalesce(o.valid_to, date '9999-12-31') >= t.valid_from)"
            ),
        },
    ),
    *_contract_and_warnings(
        "app",
        "activity_catalog",
        lambda: [
            _expect(
                "ExpectColumnValuesToBeBetween", "standard_minutes", min_value=1, max_value=10_000
            ),
            _true("dates_in_order"),
            _true("no_overlap"),
        ],
        None,
        derived={
            "dates_in_order": "(t.valid_to is null or t.valid_to >= t.valid_from)",
            "no_overlap": (
                "not exists (select 1 from raw.app__activity_catalog o"
                " where o.activity_code = t.activity_code and o.valid_from <> t.valid_from"
                " and o.valid_from <= coalesce(t.valid_to, date '9999-12-31')"
                " and coalesce(o.valid_to, date '9999-12-31') >= t.valid_from)"
            ),
        },
    ),
    *_contract_and_warnings(
        "app",
        "activity_report",
        lambda: [
            _in("status", REPORT_STATUSES),
            _expect("ExpectColumnValuesToBeBetween", "quantity", min_value=0, strict_min=True),
        ],
        lambda: [_true("employee_known"), _true("activity_known")],
        derived={
            "employee_known": _known("simpeg__employee", "nip"),
            "activity_known": _known("app__activity_catalog", "activity_code"),
        },
        row_wise=True,
    ),
    *_contract_and_warnings(
        "app",
        "leave_request",
        lambda: [
            _in("leave_type", LEAVE_TYPES),
            _in("status", LEAVE_STATUSES),
            _true("dates_in_order"),
        ],
        None,
        derived={"dates_in_order": "t.end_date >= t.start_date"},
    ),
    *_contract_and_warnings(
        "app",
        "behaviour_rating",
        lambda: [
            _in("rating", RATINGS),
            _expect("ExpectColumnValuesToMatchRegex", "period", regex=r"^\d{4}-(0[1-9]|1[0-2])$"),
        ],
        None,
    ),
    *_contract_and_warnings(
        "app",
        "rkakl_output",
        lambda: [
            _expect("ExpectColumnValuesToBeBetween", "target_volume", min_value=0, strict_min=True),
            _expect("ExpectColumnValuesToBeBetween", "budget_idr", min_value=0),
        ],
        None,
    ),
    *_contract_and_warnings(
        "attendance",
        "punch",
        lambda: [
            _expect("ExpectColumnValuesToMatchRegex", "nip", regex=NIP_REGEX),
            _in("verify_mode", VERIFY_MODES),
            _true("plausible_time"),
        ],
        None,
        derived={"plausible_time": "t.punch_time >= timestamp '2000-01-01'"},
        row_wise=True,
    ),
]

SUITES_BY_NAME = {suite.name: suite for suite in SUITES}
