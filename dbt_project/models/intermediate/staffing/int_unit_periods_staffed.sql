-- Grain: one row per unit per scope per period, monthly ('YYYY-MM') and annual ('YYYY') (R6).
-- workload = credited minutes of the members; fte_actual = sum of employment factors (annual: the
-- mean over the months present); fte_needed = workload / (6,250 x months) -- 75,000 for a full
-- year; ej = workload / (fte_actual x 6,250 x months).
with monthly as (
    select
        u.unit_id,
        u.scope,
        u.period,
        'MONTH' as period_grain,
        1 as months_covered,
        p.period_start,
        u.credited_minutes as workload_minutes,
        u.fte as fte_actual
    from {{ ref('int_unit_months_rolled_up') }} u
    inner join {{ ref('int_periods_summarised') }} p on p.period = u.period
),

annual as (
    select
        unit_id,
        scope,
        substr(period, 1, 4) as period,
        'YEAR' as period_grain,
        count(*) as months_covered,
        min(period_start) as period_start,
        sum(workload_minutes) as workload_minutes,
        sum(fte_actual) / count(*) as fte_actual
    from monthly
    group by unit_id, scope, substr(period, 1, 4)
),

both_grains as (
    select * from monthly
    union all
    select * from annual
)

select
    g.*,
    {{ eperf.policy_parameter('effective_minutes_per_fte_month', 'g.period_start') }} as minutes_per_fte_month
from both_grains g
