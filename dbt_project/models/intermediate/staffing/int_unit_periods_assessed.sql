-- Grain: one row per unit per scope per period, monthly and annual (R6, PermenPAN-RB 1/2020):
-- workload, FTE actual and needed, gap, EJ (job effectiveness), PJ band and verdict. EJ is null
-- when the unit has no FTE (no verdict without staff).
with staffed as (
    select
        s.*,
        cast(s.workload_minutes / (s.minutes_per_fte_month * s.months_covered) as decimal(18, 4))
            as fte_needed,
        cast(
            s.workload_minutes / nullif(s.fte_actual * s.minutes_per_fte_month * s.months_covered, 0)
            as decimal(18, 4)
        ) as ej
    from {{ ref('int_unit_periods_staffed') }} s
)

select
    unit_id,
    period,
    period_grain,
    scope,
    cast(months_covered as integer) as months_covered,
    cast(workload_minutes as decimal(18, 2)) as workload_minutes,
    cast(fte_actual as decimal(18, 4)) as fte_actual,
    fte_needed,
    cast(fte_needed - fte_actual as decimal(18, 4)) as gap,
    ej,
    {{ eperf.staffing_band('PJ', 'ej', 'period_start') }} as pj_band,
    {{ eperf.staffing_band('VERDICT', 'ej', 'period_start') }} as verdict
from staffed
