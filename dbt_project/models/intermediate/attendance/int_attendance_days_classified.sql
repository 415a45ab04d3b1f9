{{ config(**eperf.partitioned_config('work_date', 'day')) }}
-- Grain: one row per employee per assigned workday: the R2 engine.
-- Status precedence: approved leave > punches (HADIR) > TK. Punch times are truncated to the
-- minute. A single (merged) punch before the schedule's midpoint is a check-in only, at or after
-- it a check-out only. A missing check-in is the band flagged applies_to_missing (TL4), a missing
-- check-out likewise (PSW4). Bands and percentages come from policy_attendance_bands in force on
-- the day, so the explanation an employee reads names the same row the engine applied.
with days as (
    select
        w.*,
        l.leave_type,
        p.first_punch_local,
        p.last_punch_local,
        p.n_distinct_punches,
        {{ eperf.at_time('w.work_date', 'w.schedule_start_time') }} as schedule_start_local,
        {{ eperf.at_time('w.work_date', 'w.schedule_end_time') }} as schedule_end_local
    from {{ ref('int_employee_workdays_assigned') }} w
    left join {{ ref('int_leave_days_approved') }} l
        on l.nip = w.nip and l.work_date = w.work_date
    left join {{ ref('int_punch_days_summarised') }} p
        on p.nip = w.nip and p.punch_date_local = w.work_date
),

punctuality as (
    select
        d.*,
        case
            when d.leave_type is not null then d.leave_type
            when d.first_punch_local is not null then 'HADIR'
            else 'TK'
        end as status,
        {{ eperf.truncate_to_minute('d.first_punch_local') }} as first_punch_minute,
        {{ eperf.truncate_to_minute('d.last_punch_local') }} as last_punch_minute,
        d.schedule_start_local
            + (d.schedule_end_local - d.schedule_start_local) / 2 as schedule_midpoint_local
    from days d
),

check_times as (
    select
        p.*,
        case
            when p.n_distinct_punches > 1 then p.first_punch_minute
            when p.n_distinct_punches = 1 and p.first_punch_minute < p.schedule_midpoint_local
                then p.first_punch_minute
        end as check_in_local,
        case
            when p.n_distinct_punches > 1 then p.last_punch_minute
            when p.n_distinct_punches = 1 and p.first_punch_minute >= p.schedule_midpoint_local
                then p.first_punch_minute
        end as check_out_local
    from punctuality p
),

minutes as (
    select
        c.*,
        case when c.status = 'HADIR' and c.check_in_local is not null then
            greatest(0, {{ eperf.minutes_between('c.schedule_start_local', 'c.check_in_local') }})
        end as late_minutes,
        case when c.status = 'HADIR' and c.check_out_local is not null then
            greatest(0, {{ eperf.minutes_between('c.check_out_local', 'c.schedule_end_local') }})
        end as early_minutes
    from check_times c
),

bands as (
    select * from {{ eperf.policy_rows('policy_attendance_bands') }}
)

select
    m.nip,
    m.work_date,
    m.period,
    m.unit_id,
    m.assignment_id,
    m.job_class,
    m.unit_timezone,
    m.schedule_kind,
    m.schedule_start_time,
    m.schedule_end_time,
    m.status,
    m.leave_type,
    m.n_distinct_punches,
    m.check_in_local,
    m.check_out_local,
    m.late_minutes,
    m.early_minutes,
    tl.code as tl_code,
    psw.code as psw_code,
    tl.deduction_pct as tl_pct,
    psw.deduction_pct as psw_pct,
    tk.deduction_pct as tk_pct,
    tl.label_id as tl_label_id,
    psw.label_id as psw_label_id,
    tk.label_id as tk_label_id,
    cast(
        coalesce(tl.deduction_pct, 0) + coalesce(psw.deduction_pct, 0) + coalesce(tk.deduction_pct, 0)
        as decimal(9, 4)
    ) as deduction_pct,
    m.daily_target_minutes,
    m.grace_minutes
from minutes m
left join bands tl
    on m.status = 'HADIR'
    and tl.band_kind = 'TL'
    and {{ eperf.in_force('tl', 'm.work_date') }}
    and (
        (m.check_in_local is null and tl.applies_to_missing)
        or (m.late_minutes > m.grace_minutes
            and {{ eperf.in_band('m.late_minutes', 'tl.min_minutes', 'tl.max_minutes') }})
    )
left join bands psw
    on m.status = 'HADIR'
    and psw.band_kind = 'PSW'
    and {{ eperf.in_force('psw', 'm.work_date') }}
    and (
        (m.check_out_local is null and psw.applies_to_missing)
        or (m.early_minutes > m.grace_minutes
            and {{ eperf.in_band('m.early_minutes', 'psw.min_minutes', 'psw.max_minutes') }})
    )
left join bands tk
    on m.status = 'TK'
    and tk.band_kind = 'TK'
    and {{ eperf.in_force('tk', 'm.work_date') }}
where {{ eperf.in_partition_window('m.work_date', 'date') }}
