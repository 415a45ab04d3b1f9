-- Grain: one row per unit per scope per period, monthly and annual (R6). The rule is computed
-- in int_unit_periods_assessed; this is its published projection.
select
    unit_id,
    period,
    period_grain,
    scope,
    months_covered,
    workload_minutes,
    fte_actual,
    fte_needed,
    gap,
    ej,
    pj_band,
    verdict
from {{ ref('int_unit_periods_assessed') }}
