{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per attendance device per period with first punches on workdays (R10 device clock
-- drift). For every employee-day, the employee's first punch on the device (device-local time, which
-- is the time of the device's unit, SOURCES.md) is compared with that date's schedule start (R1);
-- the device-month's median of these offsets, in minutes, is drifting when it lies more than
-- clock_drift_max_hours (3) from the start and at least clock_drift_min_first_punches (20)
-- employee-days were measured. The median keeps late arrivals and forgotten check-ins (whose
-- first punch is the check-out) from moving it; a clock set hours wrong moves all of them.
with first_punches as (
    select
        device_sn,
        nip,
        cast(punch_time_device as date) as punch_date,
        min(punch_time_device) as first_punch_device
    from {{ ref('stg_attendance__punches') }}
    where {{ eperf.in_partition_window('punch_time_device', 'timestamp') }}
    group by device_sn, nip, cast(punch_time_device as date)
),

offsets as (
    select
        f.device_sn,
        c.period,
        f.punch_date,
        {{ eperf.seconds_between(eperf.at_time('c.calendar_date', 'c.schedule_start_time'), 'f.first_punch_device') }} / 60.0 -- noqa: LT05
            as offset_minutes
    from first_punches f
    inner join {{ ref('int_calendar_days_classified') }} c
        on c.calendar_date = f.punch_date and c.is_workday
),

measured as (
    select
        device_sn,
        period,
        count(*) as n_first_punches,
        min(punch_date) as first_punch_date,
        max(punch_date) as last_punch_date,
        {{ eperf.median('offset_minutes') }} as median_offset_minutes
    from offsets
    group by device_sn, period
)

select
    m.device_sn,
    d.unit_id,
    m.period,
    p.period_end,
    m.first_punch_date,
    m.last_punch_date,
    cast(m.n_first_punches as integer) as n_first_punches,
    cast(m.median_offset_minutes as decimal(18, 2)) as median_offset_minutes,
    cast(h.value * 60 as decimal(18, 2)) as max_offset_minutes,
    cast(n.value as integer) as min_first_punches,
    m.n_first_punches >= n.value and abs(m.median_offset_minutes) > h.value * 60 as is_drifting
from measured m
inner join {{ ref('int_periods_summarised') }} p on p.period = m.period
left join {{ ref('stg_app__attendance_devices') }} d on d.device_sn = m.device_sn
{{ eperf.join_parameter('h', 'clock_drift_max_hours', 'p.period_end', 'inner') }}
{{ eperf.join_parameter('n', 'clock_drift_min_first_punches', 'p.period_end', 'inner') }}
