-- Grain: one row per period (YYYY-MM) present in the sources: its bounds and its workdays (R1).
-- A month in progress counts its observed workdays (int_calendar_days_classified.is_observed):
-- it is scored as of the newest exports, so an employee present on every day so far is a full
-- month's employee, not a part-time one. A complete month counts all its workdays.
select
    period,
    min(calendar_date) as period_start,
    max(calendar_date) as period_end,
    sum(case when is_workday and is_observed then 1 else 0 end) as workdays
from {{ ref('int_calendar_days_classified') }}
group by period
