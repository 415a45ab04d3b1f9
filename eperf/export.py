"""Export the bureaucratic-reform indicators (R9) of a period as XLSX or CSV.

Reads the published serving release (never the warehouse file), scoped as the dashboards are
(eperf.scoping: one unit's subtree, or every unit). The workbook has one sheet per
indicator group, a definitions sheet (formula and legal basis, from the same policy rows the
pipeline used) and a provenance sheet (rule set, release, run id and time, the period's status
from dim_period — open and provisional, or closed and paid — and source row counts). Every sheet
has its header row frozen and its columns sized to their text; counts are written as integers
(``1965``, never ``1965.0``). Text cells that a spreadsheet would run as a formula (= + - @,
tab, carriage return) are neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from eperf import serving
from eperf.formats import CodeLabels, period_status_text, years_text
from eperf.scoping import MONTHS_MART, SCOPE_MARTS, UnitScope, scoped_connection

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
GROUP_SHEETS = {
    "PELAPORAN": "Pelaporan",
    "DISIPLIN": "Disiplin",
    "TUKIN": "Tukin",
    "PREDIKAT": "Predikat",
    "KEPEGAWAIAN": "Kepegawaian",
}
COLUMNS = {
    "unit_id": "Kode unit",
    "unit_name": "Nama unit",
    "indicator_code": "Kode indikator",
    "indicator_name_id": "Nama indikator",
    "value": "Nilai (%)",
    "numerator": "Pembilang",
    "denominator": "Penyebut",
}


PERIOD_TEXT = re.compile(r"\d{4}-\d{2}")
# Columns that hold counts: written as integers when every value is whole.
INTEGER_COLUMNS = ("numerator", "denominator")
# Width of a column in characters: its longest cell, within these bounds.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Provenance keys (Bahasa Indonesia: every export is read in Indonesian).
PROV_RULE_SET = "Versi aturan"
PROV_RELEASE = "Rilis"
PROV_RUN = "Run id"
PROV_PUBLISHED = "Diterbitkan (UTC)"
PROV_STATUS = "Status periode"
# The CSV's provenance columns: column name → provenance key.
CSV_PROVENANCE = {
    "rule_set": PROV_RULE_SET,
    "release_id": PROV_RELEASE,
    "run_id": PROV_RUN,
    "published_at": PROV_PUBLISHED,
    "period_status": PROV_STATUS,
}


class ExportError(RuntimeError):
    """The export cannot be made (nothing published, unknown period or unit)."""


def neutralise(value: object) -> object:
    """A text cell that would start a formula in a spreadsheet gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_text(value: object) -> object:
    """A cell value safe for a worksheet: neutralised, and the control characters XLSX cannot
    hold (which make openpyxl refuse the whole workbook) replaced by U+FFFD."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return neutralise(value)


# The indicator rows of a period: every unit's, or one unit's (its subtree row); the scope is
# the unit's subtree (eperf.scoping), every unit without one.
INDICATORS_SQL = """
select i.*, u.unit_name
from rpt_rb_indicators as i
inner join scope_units as u on u.unit_id = i.unit_id
where i.period = $period and ($unit_id is null or i.unit_id = $unit_id)
order by u.path, i.unit_id, i.indicator_code
"""


def _sources(serving_dir: Path, marts: tuple[str, ...]) -> dict[str, str]:
    """The read_parquet argument of each mart (and of the scope's marts) in the current
    release; ExportError when nothing usable is published."""
    release = serving.current_release_dir(serving_dir)
    names = (*SCOPE_MARTS, *marts)
    sources = {mart: serving.mart_source(release, mart) for mart in names} if release else {}
    if not sources or any(path is None for path in sources.values()):
        raise ExportError("Belum ada rilis yang diterbitkan: jalankan `eperf run` dahulu.")
    return sources


def load_indicators(serving_dir: Path, period: str, unit_id: str | None) -> pd.DataFrame:
    sources = _sources(serving_dir, ("rpt_rb_indicators",))
    with scoped_connection(sources, UnitScope(unit_id)) as con:
        frame = con.execute(INDICATORS_SQL, {"period": period, "unit_id": unit_id}).df()
    if frame.empty:
        raise ExportError(
            f"Tidak ada indikator untuk periode {period}"
            + (f" dan unit {unit_id}" if unit_id else "")
            + "."
        )
    return frame


# The status of one period (dim_period).
PERIOD_STATUS_SQL = """
select * from read_parquet($path) where period = $period
"""


def period_status(serving_dir: Path, period: str) -> dict | None:
    """The dim_period row of ``period`` in the current release, None when the release does not
    carry the mart (published before it) or not the period."""
    release = serving.current_release_dir(serving_dir)
    return release_period_status(release, period) if release else None


def release_period_status(release: Path, period: str) -> dict | None:
    """The dim_period row of ``period`` in the release folder ``release`` (the dashboards pass
    the release they show), None when the release lacks the mart or the period."""
    path = serving.mart_source(release, "dim_period")
    if path is None:
        return None
    with duckdb.connect() as con:
        frame = con.execute(PERIOD_STATUS_SQL, {"path": path, "period": period}).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def provenance(serving_dir: Path, period: str, unit_id: str | None) -> list[tuple[str, object]]:
    return provenance_rows(
        serving.release_manifest(serving_dir) or {},
        period,
        unit_id,
        period_status(serving_dir, period),
    )


def provenance_rows(
    manifest: dict, period: str, unit_id: str | None, status: dict | None = None
) -> list[tuple[str, object]]:
    """The provenance sheet of an export from the manifest of the release it was read from
    (the dashboards pass the manifest of the release they show) and, for an export of one
    period, its status (a dim_period row; None: unknown, said so)."""
    rows: list[tuple[str, object]] = [("Periode", period), ("Unit", unit_id or "semua unit")]
    if PERIOD_TEXT.fullmatch(str(period)):
        rows.append((PROV_STATUS, period_status_text(status, "id")))
    rows += [
        (PROV_RULE_SET, manifest.get("rule_set")),
        (PROV_RELEASE, manifest.get("release_id")),
        (PROV_RUN, manifest.get("run_id")),
        (PROV_PUBLISHED, manifest.get("published_at")),
    ]
    for table, count in sorted((manifest.get("source_row_counts") or {}).items()):
        rows.append((f"Baris sumber: {table}", count))
    return rows


def write_xlsx(frame: pd.DataFrame, prov: list[tuple[str, object]], out: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for group, title in GROUP_SHEETS.items():
        part = frame[frame["indicator_group"] == group]
        if part.empty:
            continue
        sheet = book.create_sheet(title)
        sheet.append(list(COLUMNS.values()))
        for row in _typed(part[list(COLUMNS)]).itertuples(index=False):
            sheet.append([xlsx_text(_cell(v)) for v in row])
    definitions = book.create_sheet("Definisi")
    definitions.append(["Kode indikator", "Kelompok", "Nama indikator", "Rumus", "Dasar hukum"])
    cols = ["indicator_code", "indicator_group", "indicator_name_id", "formula", "legal_basis"]
    for row in frame[cols].drop_duplicates().itertuples(index=False):
        definitions.append([xlsx_text(v) for v in row])
    provenance_sheet(book, prov)
    finish_sheets(book)
    book.save(out)


def finish_sheets(book: Workbook) -> None:
    """Every sheet: header row frozen, columns as wide as their text (within bounds)."""
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
        size_columns(sheet)


def size_columns(sheet: Worksheet) -> None:
    """Each column as wide as its longest cell, between MIN_WIDTH and MAX_WIDTH characters."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                length = max(len(line) for line in str(cell.value).splitlines() or [""])
                widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its count columns (INTEGER_COLUMNS) as integers when every value is whole,
    so a count is written ``1965``, not ``1965.0``."""
    frame = frame.copy()
    for column in INTEGER_COLUMNS:
        if column not in frame:
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        present = values.dropna()
        if len(present) == frame[column].notna().sum() and (present % 1 == 0).all():
            frame[column] = values.astype("Int64")
    return frame


def provenance_sheet(book: Workbook, prov: list[tuple[str, object]]) -> None:
    """The "Provenans" sheet every export ends with."""
    sheet = book.create_sheet("Provenans")
    sheet.append(["Keterangan", "Nilai"])
    for key, value in prov:
        sheet.append([xlsx_text(key), xlsx_text(_cell(value))])


def write_csv(frame: pd.DataFrame, prov: list[tuple[str, object]], out: Path) -> None:
    write_csv_rows(frame, [*COLUMNS, "indicator_group", "formula", "legal_basis"], prov, out)


def write_csv_rows(
    frame: pd.DataFrame, columns: list[str], prov: list[tuple[str, object]], out: Path
) -> None:
    """``columns`` of ``frame`` as CSV (UTF-8 with BOM, for Excel), neutralised, counts as
    integers, each row with the release's provenance and the period's status."""
    known = dict(prov)
    names = [name for name, key in CSV_PROVENANCE.items() if key in known]
    extra = [neutralise(known[CSV_PROVENANCE[name]]) for name in names]
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*columns, *names])
        for row in _typed(frame[columns]).itertuples(index=False):
            writer.writerow([neutralise(_cell(v)) for v in row] + extra)


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return float(value) if type(value).__name__ == "Decimal" else value


def export_indicators(
    serving_dir: Path, period: str, unit_id: str | None, fmt: str, out: Path
) -> int:
    """Write the export; returns the number of indicator rows written."""
    frame = load_indicators(serving_dir, period, unit_id)
    prov = provenance(serving_dir, period, unit_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        write_xlsx(frame, prov, out)
    elif fmt == "csv":
        write_csv(frame, prov, out)
    else:
        raise ExportError(f"Format tidak dikenal: {fmt} (xlsx atau csv)")
    return len(frame)


# --- Decree batch: the employees ELIGIBLE for a regular promotion in a period (R8) ---

PROMOTION_COLUMNS = {
    "nip": "NIP",
    "full_name": "Nama",
    "unit_id": "Kode unit",
    "unit_name": "Nama unit",
    "rank_grade": "Pangkat/golongan sekarang",
    "rank_since": "TMT pangkat sekarang",
    "next_rank_grade": "Pangkat/golongan berikutnya",
    "eligible_from": "Berhak sejak",
    "annual_predicates": "Bukti: predikat kinerja tahunan 2 tahun terakhir",
    "sanction_evidence": "Bukti: hukuman disiplin 12 bulan terakhir",
}
PROMOTION_SHEET = "Usulan kenaikan pangkat"
NO_SANCTION_TEXT = "Tidak ada (selain teguran lisan)"
PROMOTION_DEFINITIONS = (
    ("Status", "ELIGIBLE: masa kerja dalam pangkat terpenuhi dan tidak ada yang menghalangi"),
    ("Berhak sejak", "TMT pangkat + promotion_min_years_in_rank tahun (policy_parameters)"),
    (
        "Predikat tahunan",
        "Predikat kinerja tiap tahun dari promotion_predicate_years tahun lengkap terakhir harus "
        "BAIK atau SANGAT_BAIK (policy_promotion_criteria)",
    ),
    (
        "Hukuman disiplin",
        "Tidak ada hukuman selain teguran lisan yang berlaku dalam "
        "promotion_sanction_lookback_months bulan terakhir (PP 94/2021)",
    ),
)
BASIS_TERM = "Dasar hukum"


# The ELIGIBLE employees of a period whose unit that month is in the scope (eperf.scoping: the
# unit's subtree, every unit without one).
PROMOTION_PERIOD_ROWS_SQL = """
select count(*) from fct_promotion_eligibility where as_of_period = $period
"""
PROMOTION_BATCH_SQL = """
select
    p.nip,
    e.full_name,
    m.unit_id,
    u.unit_name,
    p.rank_grade,
    cast(p.rank_since as varchar) as rank_since,
    p.next_rank_grade,
    cast(p.eligible_from as varchar) as eligible_from,
    p.annual_predicates,
    coalesce(p.blocking_sanctions, $no_sanction_text) as sanction_evidence
from fct_promotion_eligibility as p
inner join visible_months as m on m.nip = p.nip and m.period = p.as_of_period
inner join scope_units as u on u.unit_id = m.unit_id
left join dim_employee as e on e.nip = p.nip
where p.as_of_period = $period and p.status = 'ELIGIBLE'
order by u.path, p.nip
"""
# The legal bases the rule applied this period: the legal_basis the mart carries from the policy
# rows (status criterion, years in rank, predicate years, sanction lookback), those of the ELIGIBLE
# rows first; a batch with nobody ELIGIBLE cites the fullest one (the rows applied to a PNS).
PROMOTION_BASIS_SQL = """
select legal_basis, bool_or(status = 'ELIGIBLE') as for_eligible
from fct_promotion_eligibility
where as_of_period = $period and legal_basis is not null
group by legal_basis
order by for_eligible desc, length(legal_basis) desc, legal_basis
"""
# The words of the annual predicates (Bahasa Indonesia: every export is read in Indonesian).
PREDICATE_LABELS_SQL = """
select code_kind, code, label_id, label_en from read_parquet($path) where code_kind = 'predicate'
"""


def predicate_labels(serving_dir: Path) -> CodeLabels:
    """The predicates' words (dim_code_label) of the current release; none (codes are shown)
    when the release was published before that mart."""
    release = serving.current_release_dir(serving_dir)
    path = serving.mart_source(release, "dim_code_label") if release else None
    if path is None:
        return CodeLabels()
    with duckdb.connect() as con:
        records = con.execute(PREDICATE_LABELS_SQL, {"path": path}).df().to_dict("records")
    return CodeLabels.from_records(records)


def load_promotion_batch(
    serving_dir: Path, period: str, unit_id: str | None
) -> tuple[pd.DataFrame, list[str]]:
    """The ELIGIBLE rows of fct_promotion_eligibility for ``period``, with name and unit and the
    annual predicates in words (``2024: Baik, 2025: Sangat baik``), and the legal bases the
    rule applied that period (the mart's legal_basis, from the policy rows).

    Grain: one row per employee ELIGIBLE as of the period (R8). With ``unit_id``, only employees
    whose unit for the period lies in that unit's subtree. An empty frame means nobody is eligible.
    """
    marts = ("fct_promotion_eligibility", "dim_employee", MONTHS_MART)
    sources = _sources(serving_dir, marts)
    with scoped_connection(sources, UnitScope(unit_id)) as con:
        known = con.execute(PROMOTION_PERIOD_ROWS_SQL, {"period": period}).fetchone()[0]
        if not known:
            raise ExportError(f"Tidak ada data kenaikan pangkat untuk periode {period}.")
        params = {"period": period, "no_sanction_text": NO_SANCTION_TEXT}
        frame = con.execute(PROMOTION_BATCH_SQL, params).df()
        cited = con.execute(PROMOTION_BASIS_SQL, {"period": period}).fetchall()
    bases = [basis for basis, for_eligible in cited if for_eligible] or [b for b, _ in cited[:1]]
    labels = predicate_labels(serving_dir)
    frame["annual_predicates"] = [
        years_text(value, lambda code: labels.label("predicate", code, "id"))
        for value in frame["annual_predicates"]
    ]
    return frame, bases


def write_promotions_xlsx(
    frame: pd.DataFrame, bases: list[str], prov: list[tuple[str, object]], out: Path
) -> None:
    """The batch sheet, the definitions (``bases``: the legal bases the rule applied, one row
    each) and the provenance."""
    book = Workbook()
    sheet = book.active
    sheet.title = PROMOTION_SHEET
    sheet.append(list(PROMOTION_COLUMNS.values()))
    for row in frame[list(PROMOTION_COLUMNS)].itertuples(index=False):
        sheet.append([xlsx_text(_cell(v)) for v in row])
    definitions = book.create_sheet("Definisi")
    definitions.append(["Istilah", "Definisi"])
    for key, text in [*PROMOTION_DEFINITIONS, *((BASIS_TERM, basis) for basis in bases)]:
        definitions.append([xlsx_text(key), xlsx_text(text)])
    provenance_sheet(book, prov)
    finish_sheets(book)
    book.save(out)


def write_promotions_csv(
    frame: pd.DataFrame, bases: list[str], prov: list[tuple[str, object]], out: Path
) -> None:
    """The batch rows with the provenance columns (the definitions are the XLSX's)."""
    write_csv_rows(frame, list(PROMOTION_COLUMNS), prov, out)


def export_promotions(
    serving_dir: Path, period: str, unit_id: str | None, fmt: str, out: Path
) -> int:
    """Write the decree batch of ``period``; returns the number of employees listed."""
    if fmt not in ("xlsx", "csv"):
        raise ExportError(f"Format tidak dikenal: {fmt} (xlsx atau csv)")
    frame, bases = load_promotion_batch(serving_dir, period, unit_id)
    prov = provenance(serving_dir, period, unit_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    (write_promotions_xlsx if fmt == "xlsx" else write_promotions_csv)(frame, bases, prov, out)
    return len(frame)
