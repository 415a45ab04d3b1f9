"""What a source row must satisfy to reach ``raw``, and which employee-months it may change.

A row that breaks its table's contract (a code outside its list, a quantity of 0 or less, an end
date before its start date, a required value missing, a reference to an unknown employee, unit,
device or activity) is one bad row: the loader quarantines it with the reason and detail named
here and loads its neighbours (SOURCES.md, "Rows that break this contract"). The checks are SQL
over the row's typed columns, evaluated in DuckDB in the same pass that casts the row.

Code lists that are rules (leave types R2, sanction types R4) are read from the policy seeds, the
one place the rules live; code lists of the operational contract itself (report and leave
statuses, verify modes, unit kinds) are in ingestion/contract.py.

Each table also names the *scope* of a rejected row: whose pay, and which days, the row would
have touched had it loaded. The warehouse marks those employee-months (``has_quarantined_input``)
so nobody closes and pays them without seeing it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache

import sqlalchemy as sa

from eperf.config import DBT_PROJECT_DIR
from ingestion.contract import LEAVE_STATUSES, RATINGS, REPORT_STATUSES, TIMEZONES, UNIT_KINDS

POLICY_SEEDS = DBT_PROJECT_DIR / "seeds" / "policy"
OPEN_END = "date '9999-12-31'"

# Why a row is rejected; a row gets the first that applies (MISSING_KEY, BAD_TYPE, then the
# table's checks in order, then DUPLICATE_KEY).
UNKNOWN_REFERENCE = "UNKNOWN_REFERENCE"
# Reasons a later change of another table can cure: such rows are checked again when the tables
# they reference have changed since they were quarantined.
RETRIED_REASONS = (UNKNOWN_REFERENCE,)


@cache
def seed_codes(seed: str, column: str) -> tuple[str, ...]:
    """The distinct values of ``column`` in a policy seed (every rule set, every version)."""
    with (POLICY_SEEDS / f"{seed}.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(sorted({row[column] for row in csv.DictReader(handle) if row[column]}))


def _quoted(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


@dataclass(frozen=True)
class Check:
    """One contract rule on a row: ``bad`` is SQL over the typed columns, true when the row breaks
    it (null counts as not broken: a missing value is MISSING_VALUE's to report); ``detail`` is
    SQL giving the words shown beside the reason."""

    reason: str
    bad: str
    detail: str


def in_list(column: str, values: tuple[str, ...] | list[str]) -> Check:
    return Check(
        "BAD_ENUM",
        f"{column} not in ({_quoted(values)})",
        f"'{column} ' || {column} || ' is not one of: {', '.join(values)}'",
    )


def between(column: str, low: float | None, high: float | None, strict_low: bool = False) -> Check:
    parts, words = [], []
    if low is not None:
        parts.append(f"{column} {'<=' if strict_low else '<'} {low}")
        words.append(f"{'above' if strict_low else 'at least'} {low:g}")
    if high is not None:
        parts.append(f"{column} > {high}")
        words.append(f"at most {high:g}")
    return Check(
        "OUT_OF_RANGE",
        " or ".join(parts),
        f"'{column} ' || {column} || ' must be {' and '.join(words)}'",
    )


def in_order(first: str, last: str, strict: bool = False) -> Check:
    op = "<=" if strict else "<"
    return Check(
        "DATES_OUT_OF_ORDER",
        f"{last} {op} {first}",
        f"'{last} ' || {last} || ' is {'not after' if strict else 'before'} {first} ' || {first}",
    )


def matches(column: str, pattern: str, words: str) -> Check:
    return Check(
        "BAD_FORMAT",
        f"not regexp_full_match({column}, '{pattern}')",
        f"'{column} ' || {column} || ' is not {words}'",
    )


def known(column: str, table: str, key: str | None = None) -> Check:
    """``column`` names a row of ``raw.<table>`` (its column ``key``, by default the same name).
    The checked row is ``_row``. ``not in`` over the keys (never null in raw) is a hash join in
    DuckDB; a correlated ``not exists`` inside the reason's CASE cost twice the whole cast and
    check of 1.75 million reports."""
    key = key or column
    return Check(
        UNKNOWN_REFERENCE,
        f"_row.{column} not in (select r.{key} from raw.{table} r)",
        f"'{column} ' || {column} || ' is not in {table.replace('__', '.')}'",
    )


@dataclass(frozen=True)
class Scope:
    """Whose pay a rejected row may have changed: ``kind`` is ``nip``, ``unit`` (every employee
    assigned to the unit), ``device`` (every employee of the device's unit) or ``activity``
    (every employee who reported the activity); ``value`` and the dates are SQL over the typed
    columns (null dates: every period)."""

    kind: str
    value: str
    first: str = "null"
    last: str = "null"


@dataclass(frozen=True)
class TableContract:
    checks: list[Check] = field(default_factory=list)
    # checks of a reference to the same table (a unit's parent): run after the batch is typed,
    # against the table and the batch's accepted rows (column, key)
    self_references: list[tuple[str, str]] = field(default_factory=list)
    scope: Scope | None = None
    # raw tables the checks read: a change in them may cure an UNKNOWN_REFERENCE
    references: tuple[str, ...] = ()


NIP = r"\d{18}"
EMPLOYEE = "simpeg__employee"


def _month_end(period: str) -> str:
    return f"last_day(try_strptime({period} || '-01', '%Y-%m-%d')::date)"


def contracts() -> dict[tuple[str, str], TableContract]:
    """(source, table) -> its row contract (SOURCES.md)."""
    return {
        ("simpeg", "org_unit"): TableContract(
            checks=[
                between("echelon", 0, 4),
                in_list("unit_kind", UNIT_KINDS),
                in_list("timezone", TIMEZONES),
            ],
            self_references=[("parent_unit_id", "unit_id")],
            scope=Scope("unit", "unit_id"),
        ),
        ("simpeg", "employee"): TableContract(
            checks=[
                matches("nip", NIP, "18 digits"),
                in_list("sex", ("L", "P")),
                in_list("employment_status", ("PNS", "CPNS", "PPPK")),
                in_order("birth_date", "hire_date", strict=True),
            ],
            scope=Scope("nip", "nip"),
        ),
        ("simpeg", "position_assignment"): TableContract(
            checks=[
                between("job_class", 1, 17),
                in_list("position_kind", ("STRUKTURAL", "FUNGSIONAL", "PELAKSANA")),
                in_order("start_date", "end_date"),
                known("nip", EMPLOYEE),
                known("unit_id", "simpeg__org_unit"),
            ],
            scope=Scope("nip", "nip", "start_date", "end_date"),
            references=(EMPLOYEE, "simpeg__org_unit"),
        ),
        ("simpeg", "disciplinary_sanction"): TableContract(
            checks=[
                in_list("sanction_type", seed_codes("policy_sanction_cuts", "sanction_type")),
                in_order("start_date", "end_date"),
                known("nip", EMPLOYEE),
            ],
            scope=Scope("nip", "nip", "start_date", "end_date"),
            references=(EMPLOYEE,),
        ),
        ("app", "attendance_device"): TableContract(
            checks=[known("unit_id", "simpeg__org_unit")],
            scope=Scope("device", "device_sn"),
            references=("simpeg__org_unit",),
        ),
        ("app", "device_user"): TableContract(
            checks=[
                in_order("valid_from", "valid_to"),
                known("device_sn", "app__attendance_device"),
                known("nip", EMPLOYEE),
            ],
            scope=Scope("nip", "nip", "valid_from", "valid_to"),
            references=("app__attendance_device", EMPLOYEE),
        ),
        ("app", "activity_catalog"): TableContract(
            checks=[between("standard_minutes", 1, 10_000), in_order("valid_from", "valid_to")],
            scope=Scope("activity", "activity_code", "valid_from", "valid_to"),
        ),
        ("app", "activity_report"): TableContract(
            checks=[
                in_list("status", REPORT_STATUSES),
                between("quantity", 0, None, strict_low=True),
                known("nip", EMPLOYEE),
                known("activity_code", "app__activity_catalog"),
            ],
            scope=Scope("nip", "nip", "activity_date", "activity_date"),
            references=(EMPLOYEE, "app__activity_catalog"),
        ),
        ("app", "leave_request"): TableContract(
            checks=[
                in_list("leave_type", seed_codes("policy_leave_factors", "leave_type")),
                in_list("status", LEAVE_STATUSES),
                in_order("start_date", "end_date"),
                known("nip", EMPLOYEE),
            ],
            scope=Scope(
                "nip", "nip", "least(start_date, end_date)", "greatest(start_date, end_date)"
            ),
            references=(EMPLOYEE,),
        ),
        ("app", "behaviour_rating"): TableContract(
            checks=[
                in_list("rating", RATINGS),
                matches("period", r"\d{4}-(0[1-9]|1[0-2])", "a period YYYY-MM"),
                known("nip", EMPLOYEE),
            ],
            scope=Scope(
                "nip",
                "nip",
                "try_strptime(period || '-01', '%Y-%m-%d')::date",
                _month_end("period"),
            ),
            references=(EMPLOYEE,),
        ),
        ("app", "rkakl_output"): TableContract(
            checks=[
                between("target_volume", 0, None, strict_low=True),
                between("budget_idr", 0, None),
                known("unit_id", "simpeg__org_unit"),
            ],
            references=("simpeg__org_unit",),
        ),
    }


def contract_for(source: str, table: sa.Table) -> TableContract:
    """The table's contract; a table the contract names no rules for has none but its types."""
    return contracts().get((source, table.name), TableContract())


def required_columns(table: sa.Table) -> list[str]:
    """Columns the contract requires (not null) that are not keys: empty is MISSING_VALUE."""
    return [c.name for c in table.columns if not c.nullable and not c.primary_key]
