{{ config(**eperf.partitioned_config('as_of_period', 'period_onwards')) }}
-- Grain: one row per employee per period (as_of_period) with a settled employee-month (R8). The
-- rule is computed in int_employee_promotions_assessed; this is its published projection.
select
    nip,
    as_of_period,
    employment_status,
    rank_grade,
    rank_since,
    next_rank_grade,
    eligible_from,
    status,
    reasons,
    annual_predicates,
    blocking_sanctions,
    rule_set,
    legal_basis
from {{ ref('int_employee_promotions_assessed') }}
where {{ eperf.in_partition_window('as_of_period', 'period_onwards') }}
