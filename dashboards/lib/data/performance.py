"""Performance (R3) for the Kinerja page: how the scope's capaian is spread.

Source: fct_employee_monthly.
"""

from __future__ import annotations

import pandas as pd

from dashboards.lib.access import Scope
from dashboards.lib.data import Release, cached, run

CAPAIAN_BIN_PCT = 10
CAPAIAN_TOP_BIN_PCT = 150  # the last bin holds every capaian from 150 % up


@cached
def capaian_distribution(release: Release, scope: Scope, period: str) -> pd.DataFrame:
    """Employees of the scope by capaian (R3) in ``CAPAIAN_BIN_PCT`` bins, the last bin open.

    Grain: one row per bin. Source: fct_employee_monthly.
    """
    return run(
        "performance__capaian_distribution",
        release,
        scope,
        period=period,
        bin_pct=CAPAIAN_BIN_PCT,
        top_bin_pct=CAPAIAN_TOP_BIN_PCT,
    )
