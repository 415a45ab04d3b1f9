{{ config(**eperf.partitioned_config('period', 'period_onwards')) }}
-- Grain: one row per employee per period with a settled employee-month (R12). The rule is
-- computed in int_employee_months_mapped; this is its published projection.
select
    nip,
    period,
    unit_id,
    window_start_period,
    periods_in_window,
    avg_capaian_pct,
    low_performance_periods,
    behaviour_di_bawah_periods,
    behaviour_di_atas_periods,
    has_discipline_referral,
    performance_axis,
    behaviour_axis,
    recommendations,
    rule_set
from {{ ref('int_employee_months_mapped') }}
where {{ eperf.in_partition_window('period', 'period_onwards') }}
