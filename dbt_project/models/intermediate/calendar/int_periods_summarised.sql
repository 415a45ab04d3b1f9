-- Grain: one row per period (YYYY-MM) present in the sources: its bounds and its workdays (R1).
select
    period,
    min(calendar_date) as period_start,
    max(calendar_date) as period_end,
    sum(case when is_workday then 1 else 0 end) as workdays
from {{ ref('int_calendar_days_classified') }}
group by period
