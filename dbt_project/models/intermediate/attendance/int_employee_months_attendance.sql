{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday (R2-R4 inputs).
-- hadir_days counts HADIR and DINAS_LUAR (official travel counts as present, R2); leave_days the
-- other leave codes. expected_days = assigned workdays minus leave days other than DINAS_LUAR (R3).
-- attendance_deduction_pct = min(cap, sum of daily %) with the cap in force on the period's last day
-- (its row's legal_basis goes with it, for the explanation lines).
with days as (
    select * from {{ ref('int_attendance_days_classified') }}
),

monthly as (
    select
        nip,
        period,
        count(*) as assigned_workdays,
        sum(case when status in ('HADIR', 'DINAS_LUAR') then 1 else 0 end) as hadir_days,
        sum(case when status = 'TK' then 1 else 0 end) as tk_days,
        sum(case when status not in ('HADIR', 'DINAS_LUAR', 'TK') then 1 else 0 end) as leave_days,
        sum(case when status = 'CUTI_SAKIT' then 1 else 0 end) as sick_days,
        {%- for n in range(1, 5) %}
        sum(case when tl_code = 'TL{{ n }}' then 1 else 0 end) as tl{{ n }}_count,
        {%- endfor %}
        {%- for n in range(1, 5) %}
        sum(case when psw_code = 'PSW{{ n }}' then 1 else 0 end) as psw{{ n }}_count,
        {%- endfor %}
        sum(deduction_pct) as deduction_pct_sum,
        sum(coalesce(late_minutes, 0) + coalesce(early_minutes, 0)) as late_early_minutes,
        sum(case when status not in ('HADIR', 'DINAS_LUAR', 'TK') then 0 else daily_target_minutes end)
            as target_minutes,
        max(work_date) as last_assigned_workday
    from days
    group by nip, period
)

select
    m.*,
    m.assigned_workdays - m.leave_days as expected_days,
    cast(least(m.deduction_pct_sum, cap.value) as decimal(9, 4)) as attendance_deduction_pct,
    cap.legal_basis as deduction_cap_legal_basis
from monthly m
{{ eperf.join_parameter('cap', 'monthly_deduction_cap_pct', 'm.last_assigned_workday') }}
where {{ eperf.in_partition_window('m.period') }}
