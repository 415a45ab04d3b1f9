{{ config(**eperf.partitioned_config('work_date', 'day')) }}
-- Grain: one row per employee per workday on which the employee holds an assignment (R2).
select
    nip,
    work_date,
    period,
    unit_id,
    status,
    check_in_local,
    check_out_local,
    late_minutes,
    early_minutes,
    tl_code,
    psw_code,
    deduction_pct,
    schedule_kind,
    schedule_start_time,
    schedule_end_time,
    unit_timezone
from {{ ref('int_attendance_days_classified') }}
where {{ eperf.in_partition_window('work_date', 'date') }}
