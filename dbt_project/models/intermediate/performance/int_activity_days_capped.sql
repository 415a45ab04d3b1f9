{{ config(**eperf.partitioned_config('activity_date', 'day')) }}
-- Grain: one row per employee per activity date with approved reports (R3).
-- Credited minutes per day are capped at daily_credit_cap_minutes (660) in force that day; the
-- excess is kept as a flag for the integrity checks (R10).
with per_day as (
    select
        nip,
        activity_date,
        period,
        sum(credited_minutes_uncapped) as credited_minutes_uncapped,
        count(*) as n_reports,
        -- an integer, not the 128-bit sum of integers (slow to store and read back)
        cast(sum(case when claimed_while_absent then 1 else 0 end) as integer) as n_claimed_while_absent
    from {{ ref('int_activity_reports_credited') }}
    group by nip, activity_date, period
)

select
    d.nip,
    d.activity_date,
    d.period,
    d.n_reports,
    d.n_claimed_while_absent,
    d.credited_minutes_uncapped,
    c.daily_credit_cap_minutes,
    cast(least(d.credited_minutes_uncapped, c.daily_credit_cap_minutes) as decimal(18, 2)) as credited_minutes,
    cast(greatest(d.credited_minutes_uncapped - c.daily_credit_cap_minutes, 0) as decimal(18, 2))
        as capped_excess_minutes
from per_day d
inner join {{ ref('int_calendar_days_classified') }} c on c.calendar_date = d.activity_date
where {{ eperf.in_partition_window('d.activity_date', 'date') }}
