{{ config(window_column='work_date', window_kind='date') }}
-- A partition run tests the window's days only (eperf.get_where_subquery): the key holds the day.
-- Grain: one row per employee per assigned workday covered by an APPROVED leave request (R2,
-- precedence 1). If two approved requests cover the same day, the lower leave_id wins.
with approved as (
    select leave_id, nip, leave_type, start_date, end_date
    from {{ ref('stg_app__leave_requests') }}
    where status = 'APPROVED'
),

covered as (
    select
        w.nip,
        w.work_date,
        l.leave_id,
        l.leave_type,
        row_number() over (partition by w.nip, w.work_date order by l.leave_id) as leave_rank
    from {{ ref('int_employee_workdays_assigned') }} w
    inner join approved l
        on l.nip = w.nip and w.work_date between l.start_date and l.end_date
)

select nip, work_date, leave_id, leave_type
from covered
where leave_rank = 1
