"""Files the dashboards offer for download, written by the same code as the command line.

``indicator_export``: the R9 indicators as ``eperf export`` writes them (eperf.export: one sheet
per group, definitions, provenance of the release shown, formula-like text neutralised).
``quarantined_rows_csv`` and ``marked_months_csv``: the quarantined rows and the marked
employee-months of the data-quality page, as CSV in the same form (``quality_csv``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards.lib import data
from dashboards.lib.access import Scope
from dashboards.lib.data import quality, reform
from dashboards.lib.i18n import reason_label, reasons_text
from eperf import export

EXPORT_FORMATS = ("xlsx", "csv")
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def indicator_export(
    release: data.Release, indicators: pd.DataFrame, period: str, unit_id: str, fmt: str
) -> bytes:
    """The export file of ``indicators`` (rows of reform.rb_indicators) in ``fmt``, with the
    provenance of ``release`` and the period's status there (dim_period); ``unit_id`` names the
    subtree the rows cover."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}, not {fmt!r}")
    status = export.release_period_status(data.release_dir(release), period)
    manifest = data.release_manifest(release)
    provenance = export.provenance_rows(manifest, period, unit_id, status)
    writer = export.write_xlsx if fmt == "xlsx" else export.write_csv
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"indikator.{fmt}"
        writer(indicators, provenance, out)
        return out.read_bytes()


@st.cache_data(ttl=data.CACHE_TTL_SECONDS, max_entries=32, show_spinner=False)
def scope_indicator_export(
    release: data.Release, scope: Scope, period: str, unit_id: str, fmt: str
) -> bytes:
    """indicator_export of every unit of the scope (reform.rb_indicators), built once per release,
    scope, period and format: the page offers it on every rerun."""
    return indicator_export(
        release, reform.rb_indicators(release, scope, period), period, unit_id, fmt
    )


# --- data quality (Kualitas data): the quarantined rows and the marked employee-months -----------
# Columns of the CSV files: codes and words side by side, for the data team's tools.
QUARANTINE_CSV_COLUMNS = (
    "state",
    "quarantined_on",
    "ingested_at",
    "source",
    "source_table",
    "source_object",
    "source_row_number",
    "reason",
    "reason_label",
    "detail",
    "raw_text",
    "scope_kind",
    "scope_value",
    "first_date",
    "last_date",
    "resolved_at",
    "resolution",
    "batch_id",
)
MARKED_CSV_COLUMNS = (
    "nip",
    "period",
    "unit_id",
    "unit_name",
    "quarantined_rows",
    "reasons",
    "reasons_label",
)


def quality_csv(release: data.Release, frame: pd.DataFrame, columns: tuple[str, ...]) -> bytes:
    """``columns`` of ``frame`` as CSV written like ``eperf export``'s (UTF-8 with BOM, text that
    a spreadsheet would run as a formula neutralised, each row with the release's provenance)."""
    provenance = export.provenance_rows(data.release_manifest(release), "semua", None)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "kualitas.csv"
        export.write_csv_rows(frame, list(columns), provenance, out)
        return out.read_bytes()


def quarantined_rows_csv(
    release: data.Release,
    scope: Scope,
    filters: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    lang: str,
) -> bytes:
    """The quarantined rows of the page's filters (sources, tables, reasons), up to
    quality.DOWNLOAD_LIMIT, held first, with their reasons in words: personal data, so
    only a header for a scope without ``may_see_quarantine_rows`` (the SQL returns no row)."""
    rows = quality.quarantined_rows(release, scope, *filters, quality.DOWNLOAD_LIMIT)
    rows = rows.assign(
        state=["HELD" if held else "RESOLVED" for held in rows["is_active"]],
        reason_label=[reason_label(r, lang) for r in rows["reason"]],
    )
    return quality_csv(release, rows, QUARANTINE_CSV_COLUMNS)


def marked_months_csv(release: data.Release, scope: Scope, lang: str) -> bytes:
    """The marked employee-months (NIP, period, unit, rows, reasons in codes and words):
    personal data, only a header for a scope without ``may_see_quarantine_rows``."""
    months = quality.marked_months(release, scope)
    months = months.assign(reasons_label=[reasons_text(r, lang) for r in months["reasons"]])
    return quality_csv(release, months, MARKED_CSV_COLUMNS)
