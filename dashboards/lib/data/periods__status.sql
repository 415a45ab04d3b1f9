-- The status of every period (open, or closed and paid) with what is still pending.
select
    period,
    status,
    closed_at,
    reports_pending,
    reports_pending_pct,
    leave_pending,
    quarantined_rows,
    employee_months_marked
from dim_period
order by period
