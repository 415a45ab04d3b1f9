"""The operational sources' tables, as docs/sources.md describes them.

One SQLAlchemy ``MetaData`` per source database. The simulator creates these tables in any
SQLAlchemy engine (SQLite, PostgreSQL, MariaDB); ingestion reads exactly these columns and lands
them in the warehouse's ``raw`` schema with the DuckDB type given by :func:`duckdb_type`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    Time,
)
from sqlalchemy.types import TypeEngine

SIMPEG = MetaData()
APP = MetaData()

org_unit = Table(
    "org_unit",
    SIMPEG,
    Column("unit_id", String(32), primary_key=True),
    Column("parent_unit_id", String(32), nullable=True),
    Column("unit_name", String(200), nullable=False),
    Column("echelon", Integer, nullable=False),
    Column("unit_kind", String(8), nullable=False),
    Column("timezone", String(32), nullable=False),
    Column("province", String(64)),
    Column("active", Boolean, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

employee = Table(
    "employee",
    SIMPEG,
    Column("nip", String(18), primary_key=True),
    Column("full_name", String(200), nullable=False),
    Column("sex", String(1), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("employment_status", String(8), nullable=False),
    Column("rank_grade", String(8), nullable=False),
    Column("rank_since", Date, nullable=False),
    Column("hire_date", Date, nullable=False),
    Column("exit_date", Date, nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

position_assignment = Table(
    "position_assignment",
    SIMPEG,
    Column("assignment_id", BigInteger, primary_key=True, autoincrement=False),
    Column("nip", String(18), nullable=False),
    Column("unit_id", String(32), nullable=False),
    Column("position_title", String(200), nullable=False),
    Column("position_kind", String(12), nullable=False),
    Column("job_class", Integer, nullable=False),
    Column("supervisor_nip", String(18), nullable=True),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

disciplinary_sanction = Table(
    "disciplinary_sanction",
    SIMPEG,
    Column("sanction_id", BigInteger, primary_key=True, autoincrement=False),
    Column("nip", String(18), nullable=False),
    Column("sanction_type", String(32), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("decree_number", String(64)),
    Column("updated_at", DateTime, nullable=False),
)

attendance_device = Table(
    "attendance_device",
    APP,
    Column("device_sn", String(32), primary_key=True),
    Column("unit_id", String(32), nullable=False),
    Column("location", String(200)),
    Column("updated_at", DateTime, nullable=False),
)

# Device enrolment (optional in a source): which employee a machine's own user id stands for, and
# when. An id can be re-used for another employee later (SOURCES.md, device_user).
device_user = Table(
    "device_user",
    APP,
    Column("device_sn", String(32), primary_key=True),
    Column("device_pin", String(24), primary_key=True),
    Column("nip", String(18), nullable=False),
    Column("valid_from", Date, primary_key=True),
    Column("valid_to", Date, nullable=True),
    Column("updated_at", DateTime, nullable=False),
    info={"optional": True},
)

activity_catalog = Table(
    "activity_catalog",
    APP,
    Column("activity_code", String(32), primary_key=True),
    Column("activity_name", String(300), nullable=False),
    Column("standard_minutes", Integer, nullable=False),
    Column("output_unit", String(32), nullable=False),
    Column("rkakl_output_code", String(32), nullable=True),
    Column("valid_from", Date, primary_key=True),
    Column("valid_to", Date, nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

activity_report = Table(
    "activity_report",
    APP,
    Column("report_id", String(36), primary_key=True),
    Column("nip", String(18), nullable=False),
    Column("activity_date", Date, nullable=False),
    Column("activity_code", String(32), nullable=False),
    Column("quantity", Numeric(10, 2), nullable=False),
    Column("start_time", Time, nullable=True),
    Column("end_time", Time, nullable=True),
    Column("description", Text),
    Column("evidence_ref", String(300), nullable=True),
    Column("status", String(12), nullable=False),
    Column("submitted_at", DateTime, nullable=True),
    Column("reviewed_by", String(18), nullable=True),
    Column("reviewed_at", DateTime, nullable=True),
    Column("deleted", Boolean, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

leave_request = Table(
    "leave_request",
    APP,
    Column("leave_id", BigInteger, primary_key=True, autoincrement=False),
    Column("nip", String(18), nullable=False),
    Column("leave_type", String(40), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("status", String(12), nullable=False),
    Column("document_number", String(64), nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

behaviour_rating = Table(
    "behaviour_rating",
    APP,
    Column("nip", String(18), primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("rating", String(24), nullable=False),
    Column("rated_by", String(18)),
    Column("rated_at", DateTime),
)

rkakl_output = Table(
    "rkakl_output",
    APP,
    Column("output_code", String(32), primary_key=True),
    Column("fiscal_year", Integer, primary_key=True, autoincrement=False),
    Column("unit_id", String(32), nullable=False),
    Column("output_name", String(300), nullable=False),
    Column("target_volume", Numeric(14, 2), nullable=False),
    Column("output_unit", String(32), nullable=False),
    Column("budget_idr", Numeric(18, 0), nullable=False),
)

# Source name -> its tables, in load order. The source name prefixes the raw table:
# raw.simpeg__employee, raw.app__activity_report, ...
DATABASE_SOURCES: dict[str, MetaData] = {"simpeg": SIMPEG, "app": APP}

# employee.rank_grade codes: PNS/CPNS golongan I/a .. IV/e, PPPK grades I .. XVII (SOURCES.md).
GOLONGAN = tuple(f"{g}/{s}" for g in ("I", "II", "III", "IV") for s in "abcd") + ("IV/e",)
PPPK_GRADES = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)
RANK_GRADES = GOLONGAN + PPPK_GRADES

# Code lists of the operational contract (SOURCES.md). Codes that are rules (leave types,
# sanction types) live in the policy seeds (ingestion/row_contract.py reads them there).
UNIT_KINDS = ("PUSAT", "UPT")
TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
REPORT_STATUSES = ("DRAFT", "SUBMITTED", "APPROVED", "REJECTED")
LEAVE_STATUSES = ("PENDING", "APPROVED", "REJECTED", "CANCELLED")
RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")

# The attendance device export file (SOURCES.md, "Attendance device exports").
PUNCH_FILE_COLUMNS = ("device_sn", "pin", "punch_time", "verify_mode", "punch_state")
PUNCH_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# The CSV's verify modes, and the two more a ZKTeco log can give (0 password, other codes).
VERIFY_MODES = ("FINGER", "FACE", "CARD", "MOBILE", "PASSWORD", "OTHER")
# ZKTeco attendance log (ATTLOG) verify codes -> the contract's verify modes; any other: OTHER.
ATTLOG_VERIFY = {"0": "PASSWORD", "1": "FINGER", "2": "CARD", "15": "FACE"}
# An ATTLOG line: PIN, time, status, verify, workcode, then any reserved fields.
ATTLOG_MIN_FIELDS = 5

_DUCKDB_TYPES: dict[type[TypeEngine], str] = {
    BigInteger: "BIGINT",
    Integer: "INTEGER",
    Boolean: "BOOLEAN",
    Date: "DATE",
    DateTime: "TIMESTAMP",
    Time: "TIME",
    Text: "VARCHAR",
    String: "VARCHAR",
}


def duckdb_type(column: Column) -> str:
    """The DuckDB type a source column lands as in the raw schema."""
    col_type = column.type
    if isinstance(col_type, Numeric):
        return f"DECIMAL({col_type.precision},{col_type.scale})"
    for sa_type, duck in _DUCKDB_TYPES.items():
        if isinstance(col_type, sa_type):
            return duck
    raise TypeError(f"no DuckDB type for {column.table.name}.{column.name}: {col_type!r}")


def raw_table_name(source: str, table: str) -> str:
    """Name of the warehouse raw table for one source table, e.g. ``simpeg__employee``."""
    return f"{source}__{table}"
