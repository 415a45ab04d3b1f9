"""Bureaucratic-reform indicators (R9) for the Indikator RB and Kinerja pages and their export.

Source: rpt_rb_indicators ⋈ dim_org_unit.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run


@cached
def rb_indicators(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Every R9 indicator of every unit subtree of the scope in a period, with definitions;
    value, numerator and denominator null for a suppressed (small) subtree.

    Grain: one row per unit per indicator. Source: rpt_rb_indicators ⋈ dim_org_unit.
    """
    return run("reform__rb_indicators", release, scope, period=period)
