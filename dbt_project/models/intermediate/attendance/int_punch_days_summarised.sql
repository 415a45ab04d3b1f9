{{ config(**eperf.partitioned_config('punch_date_local', 'day')) }}
-- Grain: one row per employee per local date with at least one punch.
-- R2: punches of one NIP within punch_merge_seconds (60 s) of the previous punch are the same
-- punch, so a day whose punches all fall in one such run has a single punch. Check-in is the
-- earliest punch and check-out the latest; device in/out flags are ignored.
with ordered as (
    select
        p.nip,
        p.punch_date_local,
        p.punch_time_local,
        c.punch_merge_seconds,
        lag(p.punch_time_local) over (
            partition by p.nip, p.punch_date_local order by p.punch_time_local
        ) as previous_punch
    from {{ ref('int_punches_localised') }} p
    left join {{ ref('int_calendar_days_classified') }} c on c.calendar_date = p.punch_date_local
)

select
    nip,
    punch_date_local,
    min(punch_time_local) as first_punch_local,
    max(punch_time_local) as last_punch_local,
    count(*) as n_punches,
    -- an integer: a sum of integers is a 128-bit integer, whose stored column took 2.6 s to read
    -- back for a ministry-year's 8.5 million days (the 64-bit columns beside it 0.02-0.1 s)
    cast(sum(
        case
            when previous_punch is null then 1
            when {{ eperf.seconds_between('previous_punch', 'punch_time_local') }} > punch_merge_seconds then 1
            else 0
        end
    ) as integer) as n_distinct_punches
from ordered
where {{ eperf.in_partition_window('punch_date_local', 'date') }}
group by nip, punch_date_local
