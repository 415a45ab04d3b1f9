"""Files the dashboards offer for download, written by the same code as the command line.

``indicator_export``: the R9 indicators as ``eperf export`` writes them (eperf.export: one sheet
per group, definitions, provenance of the release shown, formula-like text neutralised).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards.lib import data
from dashboards.lib.access import Scope
from eperf import export

EXPORT_FORMATS = ("xlsx", "csv")
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def indicator_export(
    release: data.Release, indicators: pd.DataFrame, period: str, unit_id: str, fmt: str
) -> bytes:
    """The export file of ``indicators`` (rows of data.rb_indicators) in ``fmt``, with the
    provenance of ``release``; ``unit_id`` names the subtree the rows cover."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}, not {fmt!r}")
    provenance = export.provenance_rows(data.release_manifest(release), period, unit_id)
    writer = export.write_xlsx if fmt == "xlsx" else export.write_csv
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"indikator.{fmt}"
        writer(indicators, provenance, out)
        return out.read_bytes()


@st.cache_data(ttl=data.CACHE_TTL_SECONDS, max_entries=32, show_spinner=False)
def scope_indicator_export(
    release: data.Release, scope: Scope, period: str, unit_id: str, fmt: str
) -> bytes:
    """indicator_export of every unit of the scope (data.rb_indicators), built once per release,
    scope, period and format: the page offers it on every rerun."""
    return indicator_export(
        release, data.rb_indicators(release, scope, period), period, unit_id, fmt
    )
