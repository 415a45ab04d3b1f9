"""The KPI row of the overview: values for a period, deltas against the previous period, and
their display text. Pure pandas over the output of ``measures.period_summary`` (grain: period)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from dashboards.lib.i18n import fmt_number, fmt_pct, fmt_rupiah_short, t

Kind = Literal["count", "pct", "rupiah"]


@dataclass(frozen=True)
class KpiSpec:
    """One tile of the KPI row: the i18n label key, the summary column and how to show it."""

    label_key: str
    column: str
    kind: Kind
    lower_is_better: bool = False
    help_key: str | None = None


KPI_SPECS: tuple[KpiSpec, ...] = (
    KpiSpec("kpi_headcount", "headcount", "count", help_key="help_headcount"),
    KpiSpec("kpi_attendance_rate", "attendance_rate_pct", "pct", help_key="help_attendance_rate"),
    KpiSpec("kpi_tk_rate", "tk_rate_pct", "pct", lower_is_better=True, help_key="help_tk_rate"),
    KpiSpec("kpi_tl_count", "tl_count", "count", lower_is_better=True),
    KpiSpec("kpi_psw_count", "psw_count", "count", lower_is_better=True),
    KpiSpec("kpi_avg_capaian", "avg_capaian_pct", "pct"),
    KpiSpec("kpi_realisation", "realisation_pct", "pct", help_key="help_realisation"),
    KpiSpec("kpi_tukin_net", "tukin_net_idr", "rupiah"),
)


@dataclass(frozen=True)
class Kpi:
    """A KPI's value in the selected period and in the one before it (None when there is none)."""

    spec: KpiSpec
    value: float | None
    previous: float | None

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def previous_period(periods: list[str], period: str) -> str | None:
    """The period just before ``period`` among those present (``YYYY-MM`` sorts in time order)."""
    earlier = sorted(p for p in periods if p < period)
    return earlier[-1] if earlier else None


def _number(value: object) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def kpis_for_period(summary: pd.DataFrame, period: str) -> list[Kpi]:
    """The KPI row for ``period`` from the per-period summary, with the previous period's values."""
    by_period = summary.set_index("period")
    before = previous_period(list(by_period.index), period)
    kpis = []
    for spec in KPI_SPECS:
        value = _number(by_period.at[period, spec.column])
        previous = _number(by_period.at[before, spec.column]) if before else None
        kpis.append(Kpi(spec, value, previous))
    return kpis


def _decimals(kind: Kind) -> int:
    return 1 if kind == "pct" else 0


def value_text(kpi: Kpi, lang: str) -> str:
    """The KPI's value as shown on a tile: ``7``, ``87,5%``, ``Rp 35 jt`` (Indonesian; money
    abbreviated, as eperf.formats.money_short writes it)."""
    if kpi.spec.kind == "rupiah":
        return fmt_rupiah_short(kpi.value, lang)
    if kpi.spec.kind == "pct":
        return fmt_pct(kpi.value, lang)
    return fmt_number(kpi.value, lang)


def delta_text(kpi: Kpi, lang: str) -> str | None:
    """The change against the previous period: ``+1``, ``-2,5 poin``, ``-Rp 1 jt``.

    Percentages change by percentage points. "0" (no sign) when the change rounds to zero.
    """
    delta = kpi.delta
    if delta is None or math.isnan(delta):
        return None
    decimals = _decimals(kpi.spec.kind)
    if round(delta, decimals) == 0:
        return "0"
    sign = "+" if delta > 0 else "-"
    if kpi.spec.kind == "rupiah":
        return sign + fmt_rupiah_short(abs(delta), lang)
    text = fmt_number(abs(delta), lang, decimals)
    if kpi.spec.kind == "pct":
        text = f"{text} {t('pp', lang)}"
    return sign + text


def delta_color(kpi: Kpi) -> Literal["normal", "inverse"]:
    """Green for good news: a rise in TK, TL or PSW is bad news."""
    return "inverse" if kpi.spec.lower_is_better else "normal"
