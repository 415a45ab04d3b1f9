{{ config(**eperf.partitioned_config('period', 'period_onwards')) }}
-- Grain: one row per employee per period per trigger of a discipline referral (R7). The rule is
-- computed in int_discipline_referrals_raised; this is its published projection.
select
    nip,
    period,
    trigger,
    discipline_days_ytd,
    tk_days_ytd,
    late_early_minutes_ytd,
    recommended_sanction,
    evidence
from {{ ref('int_discipline_referrals_raised') }}
where {{ eperf.in_partition_window('period', 'period_onwards') }}
