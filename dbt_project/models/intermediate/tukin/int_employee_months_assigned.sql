{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday.
-- R4: the assignment that counts for a period (job class, unit, supervisor) is the one in force on
-- the last day of the period on which the employee is employed (hire_date <= day < exit_date).
-- Period-local: a partition run rebuilds only its window's periods.
with periods as (
    select * from {{ ref('int_periods_summarised') }}
    where {{ eperf.in_partition_window('period') }}
),

spans as (
    select
        a.nip,
        p.period,
        a.assignment_id,
        a.unit_id,
        a.job_class,
        a.supervisor_nip,
        a.position_kind,
        a.start_date,
        least(
            coalesce(a.end_date, date '9999-12-31'),
            p.period_end,
            coalesce({{ eperf.add_to_date('day', -1, 'e.exit_date') }}, date '9999-12-31')
        ) as last_day_in_period,
        greatest(a.start_date, p.period_start, e.hire_date) as first_day_in_period
    from {{ ref('stg_simpeg__position_assignments') }} a
    inner join {{ ref('stg_simpeg__employees') }} e on e.nip = a.nip
    inner join periods p
        on p.period_end >= a.start_date
        and p.period_start <= coalesce(a.end_date, date '9999-12-31')
),

ranked as (
    select
        s.*,
        row_number() over (
            partition by s.nip, s.period
            order by s.last_day_in_period desc, s.start_date desc, s.assignment_id desc
        ) as span_rank
    from spans s
    where s.first_day_in_period <= s.last_day_in_period
)

select
    r.nip,
    r.period,
    r.assignment_id,
    r.unit_id,
    r.job_class,
    r.supervisor_nip,
    r.position_kind,
    r.last_day_in_period as assignment_as_of
from ranked r
where r.span_rank = 1
    and exists (
        select 1 from {{ ref('int_employee_workdays_assigned') }} w
        where w.nip = r.nip and w.period = r.period
    )
