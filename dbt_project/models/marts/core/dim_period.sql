-- Grain: one row per period (YYYY-MM): open or closed and paid, and the work still open in it
-- (int_periods_monitored). Every page and export that shows a period's numbers shows its status.
select
    period,
    period_start,
    period_end,
    status,
    closed_at,
    reports_pending,
    reports_submitted,
    reports_pending_pct,
    leave_pending,
    quarantined_rows,
    employee_months_marked
from {{ ref('int_periods_monitored') }}
