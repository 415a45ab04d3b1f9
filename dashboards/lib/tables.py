"""Display tables: pick and label the summary columns and format them in the UI language.

A pandas ``Styler`` keeps the numbers underneath, so ``st.dataframe`` still sorts numerically
while showing ``87,5%`` and ``Rp 35.000.000``. Pure pandas, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from dashboards.lib.i18n import fmt_number, fmt_pct, fmt_rupiah, t

# Summary column → (label key, kind); the measure columns of data._MEASURES.
MEASURE_COLUMNS: dict[str, tuple[str, str]] = {
    "headcount": ("kpi_headcount", "count"),
    "attendance_rate_pct": ("kpi_attendance_rate", "pct"),
    "tk_rate_pct": ("kpi_tk_rate", "pct"),
    "tl_count": ("kpi_tl_count", "count"),
    "psw_count": ("kpi_psw_count", "count"),
    "avg_capaian_pct": ("kpi_avg_capaian", "pct"),
    "realisation_pct": ("kpi_realisation", "pct"),
    "tukin_net_idr": ("kpi_tukin_net", "rupiah"),
}


def _formatter(kind: str, lang: str) -> Callable[[object], str]:
    if kind == "pct":
        return lambda v: fmt_pct(None if pd.isna(v) else float(v), lang)
    if kind == "rupiah":
        return lambda v: fmt_rupiah(None if pd.isna(v) else float(v), lang)
    return lambda v: fmt_number(None if pd.isna(v) else float(v), lang)


def measures_table(
    frame: pd.DataFrame,
    label_columns: dict[str, str],
    measures: Sequence[str],
    lang: str,
) -> Styler:
    """``label_columns`` (column → i18n key, e.g. the unit name) then ``measures``, labelled and
    formatted in ``lang``; the index is dropped."""
    labels = {column: t(key, lang) for column, key in label_columns.items()}
    labels |= {column: t(MEASURE_COLUMNS[column][0], lang) for column in measures}
    table = frame[[*label_columns, *measures]].rename(columns=labels).reset_index(drop=True)
    formats = {labels[c]: _formatter(MEASURE_COLUMNS[c][1], lang) for c in measures}
    return table.style.format(formats).hide(axis="index")
