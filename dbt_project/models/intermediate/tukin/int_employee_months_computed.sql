{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday (R2-R4).
-- Joins the attendance counts, the performance score and the tukin computation of the period.
select
    a.nip,
    a.period,
    x.unit_id,
    t.job_class,
    t.employment_status,
    cast(t.workdays as integer) as workdays,
    cast(a.expected_days as integer) as expected_days,
    cast(a.hadir_days as integer) as hadir_days,
    cast(a.tk_days as integer) as tk_days,
    cast(a.leave_days as integer) as leave_days,
    cast(a.tl1_count as integer) as tl1_count,
    cast(a.tl2_count as integer) as tl2_count,
    cast(a.tl3_count as integer) as tl3_count,
    cast(a.tl4_count as integer) as tl4_count,
    cast(a.psw1_count as integer) as psw1_count,
    cast(a.psw2_count as integer) as psw2_count,
    cast(a.psw3_count as integer) as psw3_count,
    cast(a.psw4_count as integer) as psw4_count,
    a.attendance_deduction_pct,
    s.credited_minutes,
    s.target_minutes,
    s.capaian_pct,
    s.work_result_rating,
    s.behaviour_rating,
    s.behaviour_unrated,
    s.target_is_zero,
    s.predicate,
    cast(s.perf_factor as decimal(18, 6)) as perf_factor,
    cast(t.employment_factor as decimal(18, 6)) as employment_factor,
    t.leave_factor,
    t.sanction_cut_pct,
    t.status_factor,
    cast(t.net_pct as decimal(18, 6)) as net_pct,
    cast(t.tukin_base_idr as bigint) as tukin_base_idr,
    t.tukin_potential_idr,
    t.tukin_net_idr,
    cast(a.assigned_workdays as integer) as assigned_workdays,
    '{{ var("rule_set") }}' as rule_set,
    -- a row still in quarantine may have changed this month (marked, never hidden)
    q.nip is not null as has_quarantined_input,
    cast(coalesce(q.quarantined_rows, 0) as integer) as quarantined_rows
from {{ ref('int_employee_months_attendance') }} a
inner join {{ ref('int_employee_months_assigned') }} x on x.nip = a.nip and x.period = a.period
inner join {{ ref('int_employee_months_scored') }} s on s.nip = a.nip and s.period = a.period
inner join {{ ref('int_employee_months_tukin') }} t on t.nip = a.nip and t.period = a.period
left join {{ ref('int_employee_months_quarantined') }} q on q.nip = a.nip and q.period = a.period
where {{ eperf.in_partition_window('a.period') }}
