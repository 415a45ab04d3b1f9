-- Grain: one row per calendar date of every period present in the sources (R1).
-- A workday is Mon-Fri that is not a public holiday or cuti bersama, unless a ministry override
-- says otherwise. Each day carries its schedule (NORMAL or RAMADAN, Mon-Thu or Fri) and the daily
-- policy parameters in force on it, so every later model applies the rule of that date.
-- is_observed: the date is not after the newest punch date in the device exports (each punch
-- taken no later than its file's date). A month in progress keeps its later days in the
-- calendar, but nobody is assigned to them yet (int_employee_workdays_assigned): a day whose
-- exports have not come is not a day absent (TK).
{%- set day_parameters = ['grace_minutes', 'punch_merge_seconds', 'daily_target_minutes', 'daily_credit_cap_minutes'] %}

-- Each export file's punches are folded first (26,508 files against 17.25 million punches at
-- 40,000 x 12: cutting every punch's file name took 0.9-1.3 s, folding by file 0.15 s). The
-- dates are the same: a file's observed date is the least of its last punch date and the date it
-- is named for, or that date when a punch of it has no time (as least() skips a null).
with punch_files as (
    select
        min(cast(punch_time_device as date)) as first_punch_date,
        max(cast(punch_time_device as date)) as last_punch_date,
        count(*) > count(punch_time_device) as has_untimed_punch,
        cast(substr(source_file, length(source_file) - 13, 10) as date) as file_date
    from {{ ref('stg_attendance__punches') }}
    group by source_file
),

activity_dates as (
    -- observed_date: a punch counts up to the date its export file is named for
    -- (<device>/<YYYY-MM-DD>.csv), so a device clock running ahead cannot mark days still to come
    -- as observed; reports mark nothing observed
    select
        first_punch_date as first_date,
        last_punch_date as last_date,
        case
            when has_untimed_punch and file_date is not null then file_date
            else least(last_punch_date, file_date)
        end as observed_date
    from punch_files
    union all
    select
        activity_date as first_date,
        activity_date as last_date,
        cast(null as date) as observed_date
    from {{ ref('stg_app__activity_reports') }}
),

bounds as (
    select
        cast({{ dbt.date_trunc('month', 'min(first_date)') }} as date) as first_date,
        cast({{ dbt.last_day('max(last_date)', 'month') }} as date) as last_date,
        max(observed_date) as data_through
    from activity_dates
),

days as (
    select {{ eperf.explode_dates('first_date', 'last_date', 'calendar_date') }}
    from bounds
    where first_date is not null
),

holidays as (
    select
        holiday_date,
        {{ dbt.listagg('holiday_name', "'; '", 'order by holiday_name') }} as holiday_name
    from {{ ref('stg_reference__public_holidays') }}
    group by holiday_date
),

overrides as (
    select calendar_date, is_workday, note
    from {{ eperf.policy_rows('policy_calendar_overrides') }}
),

ramadan as (
    select start_date, end_date
    from {{ eperf.policy_rows('policy_ramadan_periods') }}
),

typed as (
    select
        d.calendar_date,
        {{ eperf.period_of('d.calendar_date') }} as period,
        {{ eperf.iso_weekday('d.calendar_date') }} as iso_weekday,
        h.holiday_name,
        o.note as override_note,
        coalesce(
            o.is_workday,
            {{ eperf.iso_weekday('d.calendar_date') }} between 1 and 5 and h.holiday_date is null
        ) as is_workday,
        case when exists (
            select 1 from ramadan r where d.calendar_date between r.start_date and r.end_date
        ) then 'RAMADAN' else 'NORMAL' end as schedule_kind,
        case when {{ eperf.iso_weekday('d.calendar_date') }} = 5 then 'FRI' else 'MON_THU' end as day_kind,
        coalesce(d.calendar_date <= b.data_through, true) as is_observed
    from days d
    cross join bounds b
    left join holidays h on h.holiday_date = d.calendar_date
    left join overrides o on o.calendar_date = d.calendar_date
)

select
    t.*,
    s.start_time as schedule_start_time,
    s.end_time as schedule_end_time,
    {%- for p in day_parameters %}
    {{ eperf.policy_parameter(p, 't.calendar_date') }} as {{ p }},
    {%- endfor %}
    '{{ var("rule_set") }}' as rule_set
from typed t
left join {{ eperf.policy_rows('policy_work_schedules') }} s
    on s.period_kind = t.schedule_kind
    and s.day_kind = t.day_kind
    and {{ eperf.in_force('s', 't.calendar_date') }}
