{{ config(**eperf.partitioned_config('activity_date', 'day')) }}
-- Grain: one row per pair of APPROVED activity reports of one employee on one date whose time
-- windows overlap by at least activity_overlap_min_minutes (R10: overlapping activity time windows).
-- A window is [start_time, end_time) in unit-local time; reports without both times, or ending at or
-- before their start, are not compared. Shorter overlaps are taken as hand rounding of the times.
-- APPROVED only, like every R10 activity check: those are the claims that earn credit (R3).
with windows as (
    select
        report_id,
        nip,
        activity_date,
        {{ eperf.at_time('activity_date', 'start_time') }} as window_start,
        {{ eperf.at_time('activity_date', 'end_time') }} as window_end
    from {{ ref('stg_app__activity_reports') }}
    where status = 'APPROVED'
        and start_time is not null
        and end_time is not null
        and end_time > start_time
        and {{ eperf.in_partition_window('activity_date', 'date') }}
),

pairs as (
    -- a is the window that starts first (ties: the lower report_id); b overlaps it when it starts
    -- before a ends
    select
        a.nip,
        a.activity_date,
        a.report_id as first_report_id,
        a.window_start as first_window_start,
        a.window_end as first_window_end,
        b.report_id as second_report_id,
        b.window_start as second_window_start,
        b.window_end as second_window_end,
        {{ eperf.minutes_between('b.window_start', 'least(a.window_end, b.window_end)') }} as overlap_minutes
    from windows a
    inner join windows b
        on b.nip = a.nip
        and b.activity_date = a.activity_date
        and (b.window_start > a.window_start
             or (b.window_start = a.window_start and b.report_id > a.report_id))
        and b.window_start < a.window_end
)

select
    p.*,
    {{ eperf.period_of('p.activity_date') }} as period,
    cast(m.value as integer) as min_overlap_minutes
from pairs p
{{ eperf.join_parameter('m', 'activity_overlap_min_minutes', 'p.activity_date', 'inner') }}
where p.overlap_minutes >= m.value
