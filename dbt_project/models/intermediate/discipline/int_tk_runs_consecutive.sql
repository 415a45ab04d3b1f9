{{ config(**eperf.partitioned_config("coalesce(ended_period, '9999-12')", 'period_onwards')) }}
-- Grain: one row per run of consecutive TK workdays of an employee (R7, PP 94/2021: ten
-- consecutive workdays absent without notice lead to dismissal). Consecutive means adjacent in
-- the employee's own sequence of assigned workdays, so weekends and holidays do not break a run.
-- ended_period is the period of the workday that ended the run, null while the run reaches the
-- employee's last workday on record (it may go on). A partition run rebuilds the runs ended in
-- its window or later and the open ones: it reads each employee's days after the last workday
-- before the window that was not TK (such a run began after it; all days when there is none).
with days as (
    select nip, work_date, period, status
    from {{ ref('int_attendance_days_classified') }}
),

{% if eperf.partition_window() is not none and eperf.window_applies() %}
anchors as (
    select nip, max(work_date) as anchor_date
    from days
    where status is distinct from 'TK'
        and work_date < cast('{{ eperf.partition_window().first_day }}' as date)
    group by nip
),

read_days as (
    select d.*
    from days d
    left join anchors a on a.nip = d.nip
    where a.anchor_date is null or d.work_date > a.anchor_date
),
{% else %}
read_days as (
    select * from days
),
{% endif %}

sequenced as (
    select
        nip,
        work_date,
        period,
        status,
        lead(period) over (partition by nip order by work_date) as next_period,
        row_number() over (partition by nip order by work_date) as day_no,
        row_number() over (partition by nip, status = 'TK' order by work_date) as status_day_no
    from read_days
),

runs as (
    select
        nip,
        min(work_date) as first_tk_date,
        max(work_date) as last_tk_date,
        count(*) as tk_days_in_run,
        -- the day after the run's last is its ending day; only the employee's last day has none
        case when count(next_period) = count(*) then max(next_period) end as ended_period,
        {{ dbt.listagg("cast(work_date as string)", "', '", "order by work_date") }} as tk_dates
    from sequenced
    where status = 'TK'
    group by nip, day_no - status_day_no
)

select * from runs
where {{ eperf.in_partition_window("coalesce(ended_period, '9999-12')", 'period_onwards') }}
