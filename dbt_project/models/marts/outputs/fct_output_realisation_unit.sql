-- Grain: one row per org unit per period per scope (DIRECT / SUBTREE) (R11 roll-up). The rule
-- is computed in int_unit_months_outputs_rolled_up; this is its published projection.
select
    unit_id,
    period,
    scope,
    n_outputs,
    n_tertinggal,
    budget_idr,
    realisation_pct,
    planned_pct,
    allocated_tukin_idr,
    allocated_tukin_month_idr,
    credited_minutes,
    no_output_minutes,
    no_output_minutes_pct,
    no_output_tukin_idr,
    tukin_net_idr
from {{ ref('int_unit_months_outputs_rolled_up') }}
