"""The words for every code (predicate, deduction cause, verdict, flag, indicator …) in Bahasa
Indonesia and English, for pages, the PDF and the downloads alike.

Source: dim_code_label. A release published before that mart still renders: the codes then take
the words of dashboards.lib.i18n (``FALLBACK_PREFIXES``), else show as they are.
"""

from __future__ import annotations

from contextvars import ContextVar

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run
from dashboards.lib.i18n import STRINGS
from eperf.formats import CodeLabels, split_codes

COLUMNS = ("code_kind", "code", "label_id", "label_en", "description_id", "description_en")
# code_kind → the i18n key prefix of the words the dashboards carried before dim_code_label.
FALLBACK_PREFIXES = {
    "predicate": "pred_",
    "cause": "cause_",
    "verdict": "verdict_",
    "promotion_status": "status_",
    "promotion_reason": "reason_",
    "development_axis": "dev_level_",
    "recommendation": "dev_rec_",
    "quarantine_reason": "qreason_",
}


@cached
def code_labels(release: Release, scope: Scope) -> pd.DataFrame:
    """Every row of dim_code_label (empty when the release lacks the mart).

    Grain: one row per (code_kind, code). Not personal data: the scope only keys the cache.
    """
    return run("labels__code_labels", release, scope, if_missing=pd.DataFrame(columns=COLUMNS))


def labels_of(release: Release, scope: Scope) -> CodeLabels:
    """The release's code labels as a lookup."""
    return CodeLabels.from_records(code_labels(release, scope).to_dict("records"))


# fct_tukin_lines.code holds the attendance band of a daily line (TL1, PSW2, TK) and, on a monthly
# line, the leave type or the sanction: looked up in these kinds, in this order.
LINE_CODE_KINDS = ("attendance", "leave_type", "sanction_type")
# A reason that carries its year (R8: PREDIKAT_TAHUN_2024): the reason's words, then the year.
YEAR_SUFFIXED = {"promotion_reason": "PREDIKAT_TAHUN_"}


def label(labels: CodeLabels, kind: str, code: object, lang: str) -> str:
    """The words for one code: the mart's, else the dashboards' own, else the code."""
    if kind == LINE_CODE_KINDS[0]:
        kind = next((k for k in LINE_CODE_KINDS if labels.has(k, code)), kind)
    prefix = YEAR_SUFFIXED.get(kind)
    if prefix and isinstance(code, str) and code.startswith(prefix) and not labels.has(kind, code):
        year = code[len(prefix) :]
        return f"{label(labels, kind, prefix.rstrip('_'), lang)} {year}"
    key = f"{FALLBACK_PREFIXES.get(kind, '')}{code}"
    fallback = STRINGS[key][lang] if kind in FALLBACK_PREFIXES and key in STRINGS else None
    return labels.label(kind, code, lang, fallback)


def labels_text(labels: CodeLabels, kind: str, codes: object, lang: str) -> str:
    """Several codes of one cell (a list or comma-separated text) in words, comma-separated."""
    parts = split_codes(codes)
    return ", ".join(label(labels, kind, code, lang) for code in parts) if parts else "—"


# The labels of the release the current page run shows, set by the page frame (page.open_page)
# so every table of the run labels codes alike. A context variable: each script run has its own.
_CURRENT: ContextVar[CodeLabels | None] = ContextVar("code_labels", default=None)
_NONE = CodeLabels()


def use(labels: CodeLabels) -> None:
    """Make ``labels`` the ones this page run shows."""
    _CURRENT.set(labels)


def current() -> CodeLabels:
    """The labels of this page run (empty, so i18n's words, before the page frame set them)."""
    labels = _CURRENT.get()
    return _NONE if labels is None else labels
