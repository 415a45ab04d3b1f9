-- Grain: one row per period (YYYY-MM) of int_periods_summarised: whether it is closed and paid,
-- and the work still open in it (the period frame every page shows).
-- status: the period's latest entry of the close log (int_period_closes_logged). CLOSE: DITUTUP
-- since that close, whose pay is frozen in ledger.employee_monthly_paid
-- (int_employee_months_settled; R4: later changes are koreksi); REOPEN, or no entry: TERBUKA,
-- computed from the sources.
-- reports_pending: activity reports dated in the period still SUBMITTED, awaiting the
-- supervisor (R3 credits approved reports only); reports_pending_pct: their share of the
-- period's submitted reports (every status but DRAFT; soft-deleted reports are not read), 0 when
-- none was submitted.
-- leave_pending: leave requests still PENDING whose dates overlap the period.
-- quarantined_rows: rows still held in quarantine whose date span overlaps the period, a missing
-- date open on that side, as int_employee_months_quarantined reads them (which gives
-- employee_months_marked: the employee-months they may have changed).
-- A table rebuilt in full on every run, partition runs included: it is one row per period, and
-- a close or reopen changes a period outside any window.
with periods as (
    select period, period_start, period_end
    from {{ ref('int_periods_summarised') }}
),

latest_actions as (
    select period, log_action, logged_at
    from (
        select
            period,
            log_action,
            logged_at,
            row_number() over (partition by period order by logged_at desc) as recency
        from {{ ref('int_period_closes_logged') }}
    ) ranked
    where recency = 1
),

-- grouped by the month's first day, then named: formatting every report's date as text took
-- 2.2 s over a ministry-year's 21.6 million reports, grouping on the month's first day 0.9 s
reports as (
    select
        {{ eperf.period_of('month_start') }} as period,
        reports_pending,
        reports_submitted
    from (
        select
            {{ dbt.date_trunc('month', 'activity_date') }} as month_start,
            sum(case when status = 'SUBMITTED' then 1 else 0 end) as reports_pending,
            sum(case when status <> 'DRAFT' then 1 else 0 end) as reports_submitted
        from {{ ref('stg_app__activity_reports') }}
        group by {{ dbt.date_trunc('month', 'activity_date') }}
    ) monthly
),

leave_pending as (
    select
        p.period,
        count(*) as leave_pending
    from {{ ref('stg_app__leave_requests') }} l
    inner join periods p
        on p.period_end >= l.start_date
        and p.period_start <= l.end_date
    where l.status = 'PENDING'
    group by p.period
),

quarantined as (
    select
        p.period,
        count(*) as quarantined_rows
    from {{ ref('stg_ingestion__quarantined_rows') }} q
    inner join periods p
        on coalesce(q.first_date, p.period_start) <= p.period_end
        and coalesce(q.last_date, p.period_end) >= p.period_start
    where q.is_active
    group by p.period
),

marked as (
    select
        period,
        count(*) as employee_months_marked
    from {{ ref('int_employee_months_quarantined') }}
    group by period
)

select
    p.period,
    p.period_start,
    p.period_end,
    case when a.log_action = 'CLOSE' then 'DITUTUP' else 'TERBUKA' end as status,
    case when a.log_action = 'CLOSE' then a.logged_at end as closed_at,
    cast(coalesce(r.reports_pending, 0) as integer) as reports_pending,
    cast(coalesce(r.reports_submitted, 0) as integer) as reports_submitted,
    cast(
        case
            when coalesce(r.reports_submitted, 0) = 0 then 0
            else {{ eperf.decimal_ratio('100 * r.reports_pending', 'r.reports_submitted') }}
        end as decimal(9, 2)
    ) as reports_pending_pct,
    cast(coalesce(l.leave_pending, 0) as integer) as leave_pending,
    cast(coalesce(q.quarantined_rows, 0) as integer) as quarantined_rows,
    cast(coalesce(m.employee_months_marked, 0) as integer) as employee_months_marked
from periods p
left join latest_actions a on a.period = p.period
left join reports r on r.period = p.period
left join leave_pending l on l.period = p.period
left join quarantined q on q.period = p.period
left join marked m on m.period = p.period
