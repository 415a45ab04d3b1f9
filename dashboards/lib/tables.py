"""Display tables: pick and label the columns and format them in the UI language.

A pandas ``Styler`` keeps the numbers underneath, so ``st.dataframe`` still sorts numerically
while showing ``87,5%``, ``Rp 35.000.000``, ``3 Februari 2025`` and codes in words (the labels of
the page run: dashboards.lib.data.labels). No Streamlit calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from dashboards.lib.data import labels
from dashboards.lib.i18n import fmt_date, fmt_number, fmt_pct, fmt_rupiah, t
from eperf.formats import quantity, years_text

# Column → (label key, kind). Kinds: count, pct, rupiah, number2 / number4 (decimals),
# count_or_number2 (no decimals when whole), text, date, datetime, ``code:<code_kind>`` (a code in
# words, dim_code_label), ``codes:<code_kind>`` (several codes of one cell) and
# ``years:<code_kind>`` (``2023:BAIK`` pairs).
MEASURE_COLUMNS: dict[str, tuple[str, str]] = {
    "headcount": ("kpi_headcount", "count"),
    "attendance_rate_pct": ("kpi_attendance_rate", "pct"),
    "tk_rate_pct": ("kpi_tk_rate", "pct"),
    "tl_count": ("kpi_tl_count", "count"),
    "psw_count": ("kpi_psw_count", "count"),
    "avg_capaian_pct": ("kpi_avg_capaian", "pct"),
    "realisation_pct": ("kpi_realisation", "pct"),
    "tukin_net_idr": ("kpi_tukin_net", "rupiah"),
    # per employee (Telusuri's employee list)
    "nip": ("col_nip", "text"),
    "full_name": ("col_name", "text"),
    "job_class": ("col_job_class", "count"),
    "hadir_days": ("col_hadir_days", "count"),
    "tk_days": ("col_tk_days", "count"),
    "leave_days": ("col_leave_days", "count"),
    "capaian_pct": ("stmt_capaian", "pct"),
    "predicate": ("stmt_predicate", "code:predicate"),
    "tukin_potential_idr": ("stmt_potential", "rupiah"),
    # per tukin line (Pegawai's statement)
    "line_no": ("col_line_no", "count"),
    "cause": ("col_cause", "code:cause"),
    "code": ("col_code", "code:attendance"),
    "work_date": ("col_date", "date"),
    "pct": ("col_pct", "number2"),
    "amount_idr": ("col_amount", "rupiah"),
    "balance_after_idr": ("col_balance", "rupiah"),
    "rule_ref": ("col_rule", "text"),
    "description_id": ("col_description", "text"),
    # --- leadership pages ---
    "unit_name": ("col_unit", "text"),
    "eselon1_label": ("col_eselon1", "text"),
    "trigger": ("col_trigger", "code:referral"),
    "discipline_days_ytd": ("col_discipline_days_ytd", "count"),
    "tk_days_ytd": ("col_tk_days_ytd", "count"),
    "late_early_minutes_ytd": ("col_late_early_minutes_ytd", "count"),
    "recommended_sanction": ("col_recommended_sanction", "code:sanction_type"),
    "evidence": ("col_evidence", "text"),
    "fte_actual": ("col_fte_actual", "number2"),
    "fte_needed": ("col_fte_needed", "number2"),
    "gap": ("col_gap", "number2"),
    "ej": ("col_ej", "number4"),
    "pj_band": ("col_pj_band", "code:pj_band"),
    "verdict": ("col_verdict", "code:verdict"),
    "flag_code": ("col_flag_code", "code:integrity_flag"),
    "flag_date": ("col_date", "date"),
    "device_sn": ("col_device", "text"),
    "metric_value": ("col_metric_value", "number2"),
    "threshold_value": ("col_threshold_value", "number2"),
    "metric_unit": ("col_metric_unit", "text"),
    "details": ("col_details", "text"),
    "flags": ("col_flags", "count"),
    "subjects": ("col_subjects", "count"),
    "rank_grade": ("col_rank_grade", "text"),
    "rank_since": ("col_rank_since", "date"),
    "next_rank_grade": ("col_next_rank_grade", "text"),
    "eligible_from": ("col_eligible_from", "date"),
    "status": ("col_status", "code:promotion_status"),
    "reasons": ("col_reasons", "codes:promotion_reason"),
    "annual_predicates": ("col_annual_predicates", "years:predicate"),
    "blocking_sanctions": ("col_blocking_sanctions", "codes:sanction_type"),
    "indicator_code": ("col_indicator_code", "text"),
    "indicator_name_id": ("col_indicator_name", "text"),
    "value": ("col_value", "number2"),
    "numerator": ("col_numerator", "count_or_number2"),
    "denominator": ("col_denominator", "count_or_number2"),
    "formula": ("col_formula", "text"),
    "legal_basis": ("col_legal_basis", "text"),
    "employees": ("col_employees", "count"),
    # Beban Kerja's what-if result
    "verdict_before": ("what_if_verdict_before", "code:verdict"),
    "verdict_after": ("what_if_verdict_after", "code:verdict"),
    "ej_before": ("what_if_ej_before", "number4"),
    "ej_after": ("what_if_ej_after", "number4"),
    "fte_before": ("what_if_fte_before", "number2"),
    "fte_after": ("what_if_fte_after", "number2"),
    "pj_band_before": ("what_if_pj_before", "code:pj_band"),
    "pj_band_after": ("what_if_pj_after", "code:pj_band"),
}
EMPLOYEE_COLUMNS = (
    "nip",
    "full_name",
    "job_class",
    "hadir_days",
    "tk_days",
    "leave_days",
    "tl_count",
    "psw_count",
    "capaian_pct",
    "predicate",
    "tukin_potential_idr",
    "tukin_net_idr",
)
# The cause and its explanation first: at 1280 px the wide columns are the ones that scroll.
LINE_COLUMNS = (
    "line_no",
    "cause",
    "description_id",
    "amount_idr",
    "work_date",
    "code",
    "pct",
    "balance_after_idr",
    "legal_basis",
)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _years_text(value: object, kind: str, lang: str) -> str:
    """``2023:BAIK,2024:BAIK`` as ``2023: Baik, 2024: Baik``."""
    return years_text(value, lambda code: labels.label(labels.current(), kind, code, lang))


def _formatter(kind: str, lang: str) -> Callable[[object], str]:
    family, _, code_kind = kind.partition(":")
    if family == "code":
        return lambda v: "—" if _missing(v) else labels.label(labels.current(), code_kind, v, lang)
    if family == "codes":
        return lambda v: labels.labels_text(labels.current(), code_kind, v, lang)
    if family == "years":
        return lambda v: _years_text(v, code_kind, lang)
    if kind == "pct":
        return lambda v: fmt_pct(None if _missing(v) else float(v), lang)
    if kind == "rupiah":
        return lambda v: fmt_rupiah(None if _missing(v) else float(v), lang)
    if kind == "number2":
        return lambda v: fmt_number(None if _missing(v) else float(v), lang, 2)
    if kind == "count_or_number2":  # a count (1.965, never 1.965,00) unless it has a fraction
        return lambda v: quantity(None if _missing(v) else v, lang)
    if kind == "number4":  # EJ: as many decimals as fct_staffing_adequacy keeps
        return lambda v: fmt_number(None if _missing(v) else float(v), lang, 4)
    if kind == "date":  # a date or a timestamp at midnight: the day only
        return lambda v: fmt_date(v, lang)
    if kind == "datetime":  # a timestamp to the minute (the load log's and checks' UTC times)
        return lambda v: (
            "—" if _missing(v) else (f"{v:%Y-%m-%d %H:%M}" if hasattr(v, "hour") else str(v))
        )
    if kind == "text":
        return lambda v: "—" if _missing(v) else str(v)
    return lambda v: fmt_number(None if _missing(v) else float(v), lang)


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


def columns_table(frame: pd.DataFrame, columns: Sequence[str], lang: str) -> Styler:
    """``columns`` of ``frame`` labelled and formatted in ``lang`` (all from MEASURE_COLUMNS)."""
    return measures_table(frame, {}, columns, lang)


# --- what each person did: activity reports, the review queue, output volumes (R3, R11) --------
MEASURE_COLUMNS |= {
    "activity_date": ("col_date", "date"),
    "activity_name": ("col_activity", "text"),
    "activity_code": ("col_activity_code", "text"),
    "output_text": ("col_output", "text"),
    "outputs_text": ("col_outputs", "text"),
    "quantity": ("col_quantity", "count_or_number2"),
    "rkakl_output_code": ("col_rkakl_output", "text"),
    "claimed_minutes": ("col_claimed_minutes", "count_or_number2"),
    "credited_minutes": ("col_credited_minutes", "count_or_number2"),
    "target_minutes": ("col_target_minutes", "count_or_number2"),
    "credit_note": ("col_credit_note", "code:credit_note"),
    "report_status": ("col_report_status", "code:report_status"),
    "description": ("col_report_description", "text"),
    "reports": ("col_reports", "count"),
    "reports_submitted": ("col_reports_submitted", "count"),
    "reports_pending": ("col_reports_pending", "count"),
    "reports_rejected": ("col_reports_rejected", "count"),
    "reviewer_name": ("col_reviewer", "text"),
    "oldest_pending_days": ("col_oldest_pending_days", "count"),
    "median_review_days": ("col_median_review_days", "count_or_number2"),
    "review_target_days": ("col_review_target_days", "count"),
    "reviewed_within_target_pct": ("col_within_target", "pct"),
    "submitted_at": ("col_submitted_at", "date"),
    "output_minutes_pct": ("col_output_minutes_pct", "pct"),
}
TEAM_COLUMNS = (
    "full_name",
    "reports_pending",
    "nip",
    "unit_name",
    "reports_submitted",
    "reports_rejected",
    "outputs_text",
    "credited_minutes",
    "target_minutes",
    "capaian_pct",
)
BACKLOG_COLUMNS = (
    "reviewer_name",
    "oldest_pending_days",
    "reports_pending",
    "reports_submitted",
    "median_review_days",
    "reviewed_within_target_pct",
    "unit_name",
)
PENDING_COLUMNS = (
    "full_name",
    "submitted_at",
    "activity_date",
    "activity_name",
    "output_text",
    "claimed_minutes",
    "nip",
)
TOP_ACTIVITY_COLUMNS = (
    "activity_name",
    "reports",
    "employees",
    "quantity",
    "output_unit",
    "credited_minutes",
)
VOLUME_COLUMNS = (
    "activity_name",
    "quantity",
    "output_unit",
    "reports",
    "employees",
    "credited_minutes",
    "rkakl_output_code",
)
VOLUME_UNIT_COLUMNS = (
    "unit_name",
    "credited_minutes",
    "reports",
    "employees",
    "output_minutes_pct",
)


# --- Output & Anggaran and Pengembangan ---------------------------------------------
MEASURE_COLUMNS |= {
    "output_code": ("col_output_code", "text"),
    "output_name": ("col_output_name", "text"),
    "output_unit": ("col_output_unit", "text"),
    "unit_name": ("col_unit", "text"),
    "output_status": ("col_status", "code:output_status"),
    "target_volume": ("col_target_volume", "number2"),
    "realised_volume": ("col_realised_volume", "number2"),
    "output_realisation_pct": ("out_kpi_realisation", "pct"),
    "output_planned_pct": ("col_planned_pct", "pct"),
    "budget_idr": ("col_budget", "rupiah"),
    "allocated_tukin_idr": ("col_allocated_tukin", "rupiah"),
    "tukin_per_unit_idr": ("col_tukin_per_unit", "rupiah"),
    "no_output_minutes_pct": ("col_no_output_pct", "pct"),
    "n_tertinggal": ("out_kpi_behind", "count"),
    "recommendations": ("col_recommendations", "codes:recommendation"),
    "recommendation_label": ("col_recommendation", "text"),
    "employees": ("col_employees", "count"),
}
OUTPUT_COLUMNS = (
    "output_code",
    "output_status",
    "output_realisation_pct",
    "output_planned_pct",
    "output_name",
    "unit_name",
    "realised_volume",
    "target_volume",
    "output_unit",
    "budget_idr",
    "allocated_tukin_idr",
    "tukin_per_unit_idr",
)
DEVELOPMENT_CELL_COLUMNS = ("nip", "full_name", "unit_name", "avg_capaian_pct", "recommendations")
# --- data quality (Kualitas data): the quarantine, the checks, the load log ---------------------
MEASURE_COLUMNS |= {
    "period": ("col_period", "text"),
    "state_label": ("col_q_state", "text"),
    "quarantined_on": ("col_q_day", "date"),
    "source_label": ("col_q_source", "text"),
    "source_table": ("col_q_table", "text"),
    "source_object": ("col_q_object", "text"),
    "source_row_number": ("col_q_row_number", "count"),
    "reason_label": ("col_q_reason", "text"),
    "detail": ("col_q_detail", "text"),
    "raw_text": ("col_q_raw_text", "text"),
    "scope_text": ("col_q_scope", "text"),
    "first_date": ("col_q_first_date", "date"),
    "last_date": ("col_q_last_date", "date"),
    "held_rows": ("col_q_held", "count"),
    "resolved_rows": ("col_q_resolved", "count"),
    "total_rows": ("col_q_total", "count"),
    "first_on": ("col_q_first_on", "date"),
    "last_on": ("col_q_last_on", "date"),
    "quarantined_rows": ("col_q_rows", "count"),
    "reasons_label": ("col_q_reasons", "text"),
    "employee_months": ("col_q_months", "count"),
    "units": ("col_q_units", "count"),
    "suite": ("col_q_suite", "text"),
    "kind_label": ("col_q_kind", "text"),
    "result_label": ("col_q_result", "text"),
    "failed_expectations": ("col_q_failed_expectations", "count"),
    "element_count": ("col_q_checked_rows", "count"),
    "validated_at": ("col_q_validated_at", "datetime"),
    "expectation": ("col_q_expectation", "text"),
    "column_name": ("col_q_column", "text"),
    "unexpected_count": ("col_q_unexpected", "count"),
    "unexpected_sample": ("col_q_sample", "text"),
    "ingested_at": ("col_q_loaded_at", "datetime"),
    "objects": ("col_q_objects", "count"),
    "rows_in": ("col_q_rows_in", "count"),
    "rows_loaded": ("col_q_rows_loaded", "count"),
    "rows_merged": ("col_q_rows_merged", "count"),
    "rows_quarantined": ("col_q_rows_quarantined", "count"),
}
QUARANTINE_SUMMARY_COLUMNS = (
    "source_label",
    "source_table",
    "reason_label",
    "held_rows",
    "resolved_rows",
    "total_rows",
    "first_on",
    "last_on",
)
QUARANTINE_ROW_COLUMNS = (
    "state_label",
    "quarantined_on",
    "source_label",
    "source_object",
    "source_row_number",
    "reason_label",
    "detail",
    "raw_text",
    "scope_text",
    "first_date",
    "last_date",
)
MARKED_MONTH_COLUMNS = ("nip", "period", "unit_name", "quarantined_rows", "reasons_label")
MARKED_PERIOD_COLUMNS = ("period", "employee_months", "units", "quarantined_rows")
CHECK_COLUMNS = (
    "suite",
    "source_table",
    "kind_label",
    "result_label",
    "failed_expectations",
    "element_count",
    "validated_at",
)
CHECK_FAILURE_COLUMNS = (
    "suite",
    "kind_label",
    "expectation",
    "column_name",
    "unexpected_count",
    "element_count",
)
LOAD_SOURCE_COLUMNS = (
    "source_label",
    "ingested_at",
    "objects",
    "rows_in",
    "rows_loaded",
    "rows_merged",
    "rows_quarantined",
)
LOAD_TABLE_COLUMNS = (
    "source_label",
    "source_object",
    "ingested_at",
    "rows_in",
    "rows_loaded",
    "rows_merged",
    "rows_quarantined",
)
# --- end data quality ---------------------------------------------------------------------------
