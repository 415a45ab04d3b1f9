{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period per attendance band code (TL1..TL4, PSW1..PSW4, TK, or
-- any code a policy_attendance_bands row adds) with at least one occurrence (R2). The long form of
-- the band counts: a new band is a seed row and appears here without a new column.
-- fct_employee_monthly keeps its contracted tl1_count ... psw4_count columns.
with days as (
    select * from {{ ref('int_attendance_days_classified') }}
    where {{ eperf.in_partition_window('period') }}
),

occurrences as (
    select nip, period, 'TL' as band_kind, tl_code as band_code, tl_pct as deduction_pct
    from days where tl_code is not null
    union all
    select nip, period, 'PSW', psw_code, psw_pct from days where psw_code is not null
    union all
    select nip, period, 'TK', 'TK', tk_pct from days where status = 'TK'
)

select
    nip,
    period,
    band_kind,
    band_code,
    cast(count(*) as integer) as occurrences,
    cast(sum(deduction_pct) as decimal(9, 4)) as deduction_pct_sum
from occurrences
group by nip, period, band_kind, band_code
