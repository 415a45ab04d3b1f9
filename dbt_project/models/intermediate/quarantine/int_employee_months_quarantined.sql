{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period that a row still in quarantine may have changed
-- (marked, never hidden). A row names an employee, a unit (its employees that period), an
-- activity (the employees who reported it that period) or a device, between two dates (a
-- missing date is open on that side). A device line whose employee is unknown (an unknown PIN,
-- a cut-off line) is one punch more or less for someone of the device's unit that day: it can
-- change only a day that has a TL, PSW or TK (R2) - an extra punch cannot make a day that is
-- on time at both ends late or absent - so those employee-days are marked.
with held as (
    select * from {{ ref('stg_ingestion__quarantined_rows') }}
    where is_active and scope_kind is not null
),

months as (
    select x.nip, x.period, x.unit_id, p.period_start, p.period_end
    from {{ ref('int_employee_months_assigned') }} x
    inner join {{ ref('int_periods_summarised') }} p on p.period = x.period
    where {{ eperf.in_partition_window('x.period') }}
),

in_period as (
    select h.*, m.nip, m.period, m.unit_id as employee_unit_id
    from held h
    inner join months m
        on coalesce(h.first_date, m.period_start) <= m.period_end
        and coalesce(h.last_date, m.period_end) >= m.period_start
),

devices as (
    select device_sn, unit_id from {{ ref('stg_app__attendance_devices') }}
),

device_days as (
    select h.batch_id, h.source_object, h.source_row_number, h.reason, d.nip, d.period
    from held h
    inner join devices dv on h.scope_kind = 'device' and dv.device_sn = h.scope_value
    inner join {{ ref('int_attendance_days_classified') }} d
        on d.unit_id = dv.unit_id
        and d.work_date >= coalesce(h.first_date, d.work_date)
        and d.work_date <= coalesce(h.last_date, d.work_date)
    where {{ eperf.in_partition_window('d.period') }}
        and (d.status = 'TK' or d.tl_code is not null or d.psw_code is not null)
),

reported as (
    select distinct nip, activity_code, {{ eperf.period_of('activity_date') }} as period
    from {{ ref('stg_app__activity_reports') }}
    where activity_code in (select h.scope_value from held h where h.scope_kind = 'activity')
),

matched as (
    select q.nip, q.period, q.reason
    from in_period q
    left join reported r
        on q.scope_kind = 'activity' and r.activity_code = q.scope_value
        and r.nip = q.nip and r.period = q.period
    where (q.scope_kind = 'nip' and q.scope_value = q.nip)
        or (q.scope_kind = 'unit' and q.scope_value = q.employee_unit_id)
        or (q.scope_kind = 'activity' and r.nip is not null)
    union all
    -- one row per quarantined line and employee-month, however many of its days it touches
    select dd.nip, dd.period, dd.reason from (select distinct * from device_days) dd
),

by_reason as (
    select nip, period, reason, count(*) as n
    from matched
    group by nip, period, reason
)

select
    nip,
    period,
    cast(sum(n) as integer) as quarantined_rows,
    {{ listagg('reason', "', '", 'order by reason') }} as reasons
from by_reason
group by nip, period
