-- Grain: one row per run of consecutive TK workdays of an employee (R7, PP 94/2021: ten
-- consecutive workdays absent without notice lead to dismissal). Consecutive means adjacent in
-- the employee's own sequence of assigned workdays, so weekends and holidays do not break a run.
with sequenced as (
    select
        nip,
        work_date,
        period,
        status,
        row_number() over (partition by nip order by work_date) as day_no,
        row_number() over (partition by nip, status = 'TK' order by work_date) as status_day_no
    from {{ ref('fct_attendance_daily') }}
)

select
    nip,
    min(work_date) as first_tk_date,
    max(work_date) as last_tk_date,
    count(*) as tk_days_in_run,
    {{ dbt.listagg("cast(work_date as string)", "', '", "order by work_date") }} as tk_dates
from sequenced
where status = 'TK'
group by nip, day_no - status_day_no
