-- One employee's attendance days in a period (R2), when that employee-month is visible.
select
    a.work_date,
    a.status,
    a.check_in_local,
    a.check_out_local,
    a.late_minutes,
    a.early_minutes,
    a.tl_code,
    a.psw_code,
    a.deduction_pct::double as deduction_pct
from fct_attendance_daily as a
where a.nip = $nip
    and strftime(a.work_date, '%Y-%m') = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
order by a.work_date
