"""The Beban Kerja what-if (R6): move FTE between two units and classify their new EJ with the
same PJ and VERDICT bands the model used (the published ``dim_staffing_band`` rows; nothing here
is a threshold). Pure pandas, no Streamlit.

EJ = workload ÷ (FTE × minutes per FTE-month × months) (fct_staffing_adequacy), so with the
workload held, EJ after a move is EJ × FTE ÷ (FTE + moved), rounded like the mart (4 decimals,
half up). A unit left with no FTE has no EJ and no verdict, as in the mart.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

EJ_DECIMALS = Decimal("0.0001")


def classify(ej: float | None, bands: pd.DataFrame, band_kind: str) -> str | None:
    """The code of the ``band_kind`` row whose EJ range holds ``ej`` (macro staffing_band:
    a bound is exclusive unless its ``*_inclusive`` flag is set; a null bound is open)."""
    if ej is None or pd.isna(ej):
        return None
    value = Decimal(str(ej))
    for band in bands[bands["band_kind"] == band_kind].itertuples(index=False):
        low = None if pd.isna(band.min_ej) else Decimal(str(band.min_ej))
        high = None if pd.isna(band.max_ej) else Decimal(str(band.max_ej))
        above = low is None or value > low or (bool(band.min_inclusive) and value == low)
        below = high is None or value < high or (bool(band.max_inclusive) and value == high)
        if above and below:
            return str(band.code)
    return None


def ej_after(ej: float | None, fte: float, moved: float) -> float | None:
    """EJ with ``moved`` FTE added (negative: taken away), the workload unchanged."""
    if ej is None or pd.isna(ej):
        return None
    if moved == 0:
        return float(ej)
    after = Decimal(str(fte)) + Decimal(str(moved))
    if after <= 0:
        return None
    value = Decimal(str(ej)) * Decimal(str(fte)) / after
    return float(value.quantize(EJ_DECIMALS, rounding=ROUND_HALF_UP))


def what_if(
    units: pd.DataFrame, from_unit: str, to_unit: str, fte: float, bands: pd.DataFrame
) -> pd.DataFrame:
    """Both units before and after moving ``fte`` from ``from_unit`` to ``to_unit``.

    ``units``: one row per unit with ``unit_id``, ``fte_actual``, ``fte_needed``, ``ej``
    (data.staffing_units of one period); ``bands``: data.staffing_bands of that period.
    Grain: two rows, the giving unit first.
    """
    if from_unit == to_unit:
        raise ValueError("the two units must differ")
    rows = []
    for unit_id, moved in ((from_unit, -fte), (to_unit, fte)):
        unit = units.loc[units["unit_id"] == unit_id].iloc[0]
        ej_new = ej_after(unit["ej"], float(unit["fte_actual"]), moved)
        rows.append(
            {
                "unit_id": unit_id,
                "fte_before": float(unit["fte_actual"]),
                "fte_after": float(unit["fte_actual"]) + moved,
                "ej_before": unit["ej"],
                "ej_after": ej_new,
                "gap_after": float(unit["fte_needed"]) - (float(unit["fte_actual"]) + moved),
                "pj_band_before": classify(unit["ej"], bands, "PJ"),
                "pj_band_after": classify(ej_new, bands, "PJ"),
                "verdict_before": classify(unit["ej"], bands, "VERDICT"),
                "verdict_after": classify(ej_new, bands, "VERDICT"),
            }
        )
    return pd.DataFrame(rows)
