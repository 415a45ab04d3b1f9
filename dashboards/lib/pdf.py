"""The monthly tukin statement as a PDF (fpdf2, pure Python), from the same rows the page shows:
the employee-month (tukin.employee_month, with its quarantine reasons: statement.with_quarantine)
and its lines (tukin.tukin_lines). Under the title: the period's status (open and provisional, or
closed and paid: dim_period) and, for a month that rows still in quarantine may change, the same
warning as the page. Codes are shown in words (dim_code_label), numbers and dates as
eperf.formats writes them, and each line cites the regulation it rests on: the legal_basis of the
policy row the engine applied (fct_tukin_lines.legal_basis). Text is set in DejaVu Sans, embedded
(subset), so "−", "–", "→" and "≥" print as written: the TTF files come with matplotlib's wheel
(mpl-data/fonts/ttf), found through importlib.resources, never fetched at run time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from importlib.resources import files

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboards.lib import activities
from dashboards.lib.data.labels import label
from dashboards.lib.i18n import fmt_date, fmt_number, fmt_pct, fmt_period, fmt_rupiah, t
from dashboards.lib.statement import deductions_total, quarantine_mark, quarantine_warning
from eperf.formats import CodeLabels, cited_basis, period_status_text, quantity

FONT = "DejaVuSans"
# style -> file in matplotlib's mpl-data (DejaVu fonts licence: free to embed and redistribute).
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_HEADING = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
_WARNING_FILL = (255, 243, 205)  # the page's st.warning, in print
_WARNING_TEXT = (102, 77, 3)


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "-"
    if isinstance(value, datetime | pd.Timestamp):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@cache
def _font_path(style: str) -> str:
    return str(files("matplotlib") / "mpl-data" / "fonts" / "ttf" / _FONT_FILES[style])


def _add_fonts(pdf: FPDF) -> None:
    for style in _FONT_FILES:
        pdf.add_font(FONT, style=style, fname=_font_path(style))


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _pairs_table(pdf: FPDF, pairs: list[tuple[str, str]]) -> None:
    with pdf.table(col_widths=(45, 135), first_row_as_headings=False, line_height=6) as table:
        for label, value in pairs:
            row = table.row()
            row.cell(_text(label), style=FontFace(emphasis="BOLD"))
            row.cell(_text(value))


def _identity(month: Mapping[str, object], lang: str, labels: CodeLabels) -> list[tuple[str, str]]:
    status = label(labels, "employment_status", month.get("employment_status"), lang)
    return [
        (t("col_name", lang), _text(month.get("full_name"))),
        ("NIP", _text(month.get("nip"))),
        (t("col_unit", lang), _text(month.get("unit_name"))),
        (t("col_eselon1", lang), _text(month.get("eselon1_unit_name"))),
        (t("col_job_class", lang), _text(month.get("job_class"))),
        (t("col_employment_status", lang), _text(status)),
    ]


def _summary(
    month: Mapping[str, object], lines: pd.DataFrame, lang: str, labels: CodeLabels
) -> list[tuple[str, str]]:
    predicate = label(labels, "predicate", month.get("predicate"), lang)
    return [
        (t("stmt_base", lang), fmt_rupiah(_number(month.get("tukin_base_idr")), lang)),
        (t("stmt_potential", lang), fmt_rupiah(_number(month.get("tukin_potential_idr")), lang)),
        (t("stmt_capaian", lang), fmt_pct(_number(month.get("capaian_pct")), lang, 2)),
        (t("stmt_predicate", lang), _text(predicate)),
        (
            t("stmt_days", lang),
            t(
                "stmt_days_value",
                lang,
                workdays=fmt_number(_number(month.get("workdays")), lang),
                hadir=fmt_number(_number(month.get("hadir_days")), lang),
                tk=fmt_number(_number(month.get("tk_days")), lang),
                leave=fmt_number(_number(month.get("leave_days")), lang),
                tl=fmt_number(int(month.get("tl_count") or 0), lang),
                psw=fmt_number(int(month.get("psw_count") or 0), lang),
            ),
        ),
        (t("stmt_deductions", lang), fmt_rupiah(deductions_total(lines), lang)),
        (t("stmt_net", lang), fmt_rupiah(_number(month.get("tukin_net_idr")), lang)),
    ]


def _quarantine_warning(pdf: FPDF, month: Mapping[str, object], lang: str) -> None:
    """The boxed warning of a month that rows still in quarantine may change (none otherwise)."""
    mark = quarantine_mark(month)
    if mark is None:
        return
    pdf.set_font(FONT, style="B", size=9)
    pdf.set_fill_color(*_WARNING_FILL)
    pdf.set_text_color(*_WARNING_TEXT)
    pdf.multi_cell(
        0,
        5,
        _text(quarantine_warning(mark, lang)),
        border=1,
        fill=True,
        padding=2,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _period_status(pdf: FPDF, status: Mapping[str, object] | None, lang: str) -> None:
    """The period's status line: boxed like a warning while the period is open."""
    text = _text(period_status_text(dict(status) if status else None, lang))
    is_open = bool(status) and status.get("status") == "TERBUKA"
    pdf.set_font(FONT, style="B" if is_open else "", size=9)
    if is_open:
        pdf.set_fill_color(*_WARNING_FILL)
        pdf.set_text_color(*_WARNING_TEXT)
    pdf.multi_cell(
        0,
        5,
        text,
        border=1 if is_open else 0,
        fill=is_open,
        padding=2 if is_open else 0,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _lines_table(pdf: FPDF, lines: pd.DataFrame, lang: str, labels: CodeLabels) -> None:
    """The deduction lines: cause and explanation first, codes in words (never cut mid-word:
    the code column is as wide as its longest label needs), the legal basis after the text."""
    headings = (
        "No",
        t("col_cause", lang),
        t("col_code", lang),
        t("col_date", lang),
        "%",
        t("col_amount", lang),
        t("col_balance", lang),
        t("col_description", lang),
    )
    with pdf.table(
        col_widths=(7, 24, 24, 24, 10, 20, 20, 61),
        headings_style=_HEADING,
        text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        line_height=4.5,
    ) as table:
        table.row([_text(h) for h in headings])
        for line in lines.itertuples(index=False):
            basis = cited_basis(line.legal_basis, line.rule_ref)
            description = f"{_text(line.description_id)} ({t('col_legal_basis', lang)}: {basis})"
            table.row(
                [
                    str(line.line_no),
                    _text(label(labels, "cause", line.cause, lang)),
                    _text(label(labels, "attendance", line.code, lang)),
                    _text(fmt_date(line.work_date, lang)),
                    fmt_number(_number(line.pct), lang, 2),
                    fmt_number(_number(line.amount_idr), lang),
                    fmt_number(_number(line.balance_after_idr), lang),
                    _text(description),
                ]
            )


def statement_pdf(
    month: Mapping[str, object],
    lines: pd.DataFrame,
    lang: str,
    footer: str = "",
    compress: bool = True,
    code_labels: CodeLabels | None = None,
    period_status: Mapping[str, object] | None = None,
    reports: pd.DataFrame | None = None,
    limits: pd.DataFrame | None = None,
) -> bytes:
    """The statement of one employee-month: identity, summary, every deduction line, and the
    check Σ lines = potential − net. Returns the PDF file's bytes (``compress=False`` leaves
    the page text readable in the bytes, for tests). ``code_labels``: the release's words for
    codes (dim_code_label); ``period_status``: the period's dim_period row (None: unknown);
    ``reports`` and ``limits``: the month's activity reports and the R3 daily limits
    (dashboards.lib.data.activities), listed as the page's Aktivitas when given."""
    labels = code_labels or CodeLabels()
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    _add_fonts(pdf)
    pdf.set_title(_text(t("stmt_pdf_title", lang)))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=14)
    pdf.cell(0, 8, _text(t("stmt_pdf_title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.cell(
        0,
        6,
        _text(f"{t('period', lang)} {fmt_period(month.get('period'), lang)}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    _period_status(pdf, period_status, lang)
    _quarantine_warning(pdf, month, lang)
    pdf.set_font(FONT, size=9)
    _pairs_table(pdf, _identity(month, lang, labels))
    pdf.ln(3)
    _pairs_table(pdf, _summary(month, lines, lang, labels))
    pdf.ln(4)
    pdf.set_font(FONT, style="B", size=11)
    pdf.cell(0, 7, _text(t("stmt_lines_title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=7.5)
    if lines.empty:
        pdf.cell(0, 6, _text(t("stmt_no_lines", lang)), new_x="LMARGIN", new_y="NEXT")
    else:
        _lines_table(pdf, lines, lang, labels)
    pdf.ln(3)
    pdf.set_font(FONT, size=8)
    check = t(
        "stmt_check",
        lang,
        total=fmt_rupiah(deductions_total(lines), lang),
        potential=fmt_rupiah(_number(month.get("tukin_potential_idr")), lang),
        net=fmt_rupiah(_number(month.get("tukin_net_idr")), lang),
    )
    pdf.multi_cell(0, 4.5, _text(check), new_x="LMARGIN", new_y="NEXT")
    if reports is not None:
        _activities(pdf, month, reports, limits, lang, labels)
    if footer:
        pdf.multi_cell(0, 4.5, _text(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _activities(
    pdf: FPDF,
    month: Mapping[str, object],
    reports: pd.DataFrame,
    limits: pd.DataFrame | None,
    lang: str,
    labels: CodeLabels,
) -> None:
    """The page's Aktivitas (R3): each report of the month with its output, the minutes claimed
    and credited and why they differ, then the total beside the capaian's credited minutes and
    the daily target and cap with their regulation."""
    pdf.ln(4)
    pdf.set_font(FONT, style="B", size=11)
    pdf.cell(0, 7, _text(t("activities_title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=7.5)
    if reports.empty:
        pdf.cell(0, 6, _text(t("activities_none", lang)), new_x="LMARGIN", new_y="NEXT")
        return
    table_rows = activities.report_table(reports, lang)
    headings = (
        t("col_date", lang),
        t("col_activity", lang),
        t("col_output", lang),
        t("col_claimed_minutes", lang),
        t("col_credited_minutes", lang),
        t("col_credit_note", lang),
    )
    with pdf.table(
        col_widths=(24, 62, 26, 18, 18, 32),
        headings_style=_HEADING,
        text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"),
        line_height=4.5,
    ) as table:
        table.row([_text(h) for h in headings])
        for row in table_rows.itertuples(index=False):
            note = "" if row.credit_note is None or pd.isna(row.credit_note) else row.credit_note
            table.row(
                [
                    _text(fmt_date(row.activity_date, lang)),
                    _text(row.activity_name),
                    _text(row.output_text),
                    quantity(row.claimed_minutes, lang),
                    quantity(row.credited_minutes, lang),
                    _text(label(labels, "credit_note", note, lang) if note else ""),
                ]
            )
    pdf.ln(2)
    agree, check = activities.check_text(month, reports, lang)
    pdf.set_font(FONT, style="" if agree else "B", size=8)
    pdf.multi_cell(0, 4.5, _text(check), new_x="LMARGIN", new_y="NEXT")
    limits_line = activities.limits_text(limits, str(month.get("period")), lang)
    if limits_line:
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(0, 4.5, _text(limits_line), new_x="LMARGIN", new_y="NEXT")
