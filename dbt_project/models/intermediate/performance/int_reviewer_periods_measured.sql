{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per reviewer per period with submitted activity reports (R3 review backlog).
-- A report counts for the period of its activity date once submitted (not DRAFT, not deleted:
-- stg_app__activity_reports holds no deleted report). Its reviewer is who reviewed it, or, while
-- it waits, the supervisor of the employee's assignment for the period (R4). unit_id is the reviewer's own unit for the period (null when the reviewer
-- holds no assignment in it). Reports without a reviewer (no supervisor, unreviewed) have no row.
-- oldest_pending_days: calendar days from the oldest waiting report's submission date to the
-- period's as-of date, the earlier of its last day and the last day the device exports cover
-- (int_calendar_days_classified.is_observed), never below 0. A closed month's backlog is thus
-- measured at its end and stays what it was; the open month's on the data's as-of date.
-- median_review_days over the reviewed (APPROVED or REJECTED) reports; review_days are calendar
-- days from the submission date to the review date. reviewed_within_target_pct = 100 x reports
-- reviewed within review_target_days (a policy parameter in force on the period's last day) /
-- reports submitted, 2 decimals: a report still waiting counts as not within the target.
with reports as (
    select
        nip,
        {{ eperf.period_of('activity_date') }} as period,
        status,
        reviewed_by,
        cast(submitted_at as date) as submitted_on,
        {{ eperf.review_days('submitted_at', 'reviewed_at') }} as review_days
    from {{ ref('stg_app__activity_reports') }}
    where status <> 'DRAFT' and submitted_at is not null
        and {{ eperf.in_partition_window('activity_date', 'date') }}
),

assigned as (
    select nip, period, unit_id, supervisor_nip
    from {{ ref('int_employee_months_assigned') }}
    where {{ eperf.in_partition_window('period') }}
),

periods as (
    select
        c.period,
        max(c.calendar_date) as period_end,
        coalesce(
            max(case when c.is_observed then c.calendar_date end), min(c.calendar_date)
        ) as as_of_date
    from {{ ref('int_calendar_days_classified') }} c
    where {{ eperf.in_partition_window('c.period') }}
    group by c.period
),

targets as (
    select p.period, p.as_of_date, cast(t.value as integer) as review_target_days
    from periods p
    {{ eperf.join_parameter('t', 'review_target_days', 'p.period_end') }}
),

attributed as (
    select
        coalesce(r.reviewed_by, a.supervisor_nip) as reviewer_nip,
        r.period,
        r.status,
        -- a report still SUBMITTED is not reviewed, whatever its review columns say
        case when r.status <> 'SUBMITTED' then r.review_days end as review_days,
        cast(
            {{ dbt.datediff('r.submitted_on', 't.as_of_date', 'day') }}
            as integer
        ) as days_waited,
        t.review_target_days
    from reports r
    inner join targets t on t.period = r.period
    left join assigned a on a.nip = r.nip and a.period = r.period
),

measured as (
    select
        reviewer_nip,
        period,
        count(*) as reports_submitted,
        count(case when status = 'SUBMITTED' then 1 end) as reports_pending,
        max(case when status = 'SUBMITTED' then greatest(days_waited, 0) end)
            as oldest_pending_days,
        {{ eperf.median('review_days') }} as median_review_days,
        count(case when review_days <= review_target_days then 1 end) as reports_within_target,
        max(review_target_days) as review_target_days
    from attributed
    where reviewer_nip is not null
    group by reviewer_nip, period
)

select
    m.reviewer_nip,
    m.period,
    a.unit_id,
    m.reports_submitted,
    m.reports_pending,
    m.oldest_pending_days,
    cast(m.median_review_days as decimal(9, 1)) as median_review_days,
    m.review_target_days,
    m.reports_within_target,
    cast(
        round(100 * {{ eperf.decimal_ratio('m.reports_within_target', 'm.reports_submitted') }}, 2)
        as decimal(5, 2)
    ) as reviewed_within_target_pct
from measured m
left join assigned a on a.nip = m.reviewer_nip and a.period = m.period
