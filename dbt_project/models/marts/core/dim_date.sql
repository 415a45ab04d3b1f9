-- Grain: one row per calendar date of the periods present in the sources (R1).
select
    calendar_date,
    period,
    iso_weekday,
    is_workday,
    holiday_name,
    override_note,
    schedule_kind,
    schedule_start_time,
    schedule_end_time,
    rule_set
from {{ ref('int_calendar_days_classified') }}
