-- Grain: one row per RKAKL output per period of its fiscal year (R11). The rule is computed in
-- int_output_months_costed; this is its published projection.
select
    output_code,
    fiscal_year,
    period,
    unit_id,
    output_name,
    output_unit,
    target_volume,
    realised_volume,
    realised_volume_month,
    realisation_pct,
    planned_pct,
    status,
    target_is_zero,
    budget_idr,
    allocated_tukin_idr,
    allocated_tukin_month_idr,
    credited_minutes_month,
    tukin_per_unit_idr,
    rule_set
from {{ ref('int_output_months_costed') }}
