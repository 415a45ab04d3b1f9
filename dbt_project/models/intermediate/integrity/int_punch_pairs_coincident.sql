{{ config(**eperf.partitioned_config('punch_date', 'date')) }}
-- Grain: one row per pair of punches by two different NIPs on the same device within
-- buddy_punch_window_seconds (2 s) of each other (R10 buddy punching, "titip absen"), kept when the
-- pair is repeated. Both times are read from the same device clock, so no zone conversion is
-- needed. pair_days_in_period counts the distinct days of the calendar month on which the same two
-- NIPs coincided (on any device); the pair is repeated when that reaches buddy_punch_min_days (3).
-- Counting within a month keeps chance coincidences on busy devices (hundreds of users per
-- building) from piling up over the years. Chance pairs that are not repeated are not kept: a
-- ministry-year has about 14.5 million of them and no check reads them.
-- Two punches within w seconds lie in the same or neighbouring w-second buckets of their day, so
-- the pairs are found by an equality join on (device, date, bucket) with the bucket offsets -1, 0
-- and 1, then filtered exactly: linear in the punches, not quadratic in each device-day's users.
-- The parameters in force are looked up once per punch date and joined on the date (an equality),
-- not on their effective-date range per punch (which DuckDB planned as a sort of every punch); the
-- pair-months are cut to the repeated ones before they are joined back to their pairs (a
-- ministry-year's 14.5 million chance pairs joined only a few thousand repeated pair-months).
with parameters as (
    select * from {{ eperf.policy_rows('policy_parameters') }}
),

dated_punches as (
    -- distinct on the three columns; the date follows from the time
    select device_sn, nip, punch_time_device, cast(punch_time_device as date) as punch_date
    from {{ ref('stg_attendance__punches') }}
    where {{ eperf.in_partition_window('punch_time_device', 'timestamp') }}
    group by device_sn, nip, punch_time_device
),

day_parameters as (
    -- the window and the minimum days in force on each punch date (a few hundred dates)
    select d.punch_date, w.value as window_value, n.value as min_days
    from (select distinct punch_date from dated_punches) d
    {{ eperf.join_parameter('w', 'buddy_punch_window_seconds', 'd.punch_date', 'inner') }}
    {{ eperf.join_parameter('n', 'buddy_punch_min_days', 'd.punch_date') }}
),

punches as (
    select
        p.device_sn,
        p.nip,
        p.punch_time_device,
        p.punch_date,
        w.window_value,
        w.min_days,
        floor(
            {{ eperf.seconds_between('cast(p.punch_date as timestamp)', 'p.punch_time_device') }}
            / case when w.window_value > 0 then w.window_value else 1 end
        ) as bucket
    from dated_punches p
    inner join day_parameters w on w.punch_date = p.punch_date
),

neighbours as (
    select p.*, p.bucket + k.k as neighbour_bucket
    from punches p
    cross join (
        select -1 as k
        union all
        select 0 as k
        union all
        select 1 as k
    ) k
),

pairs as (
    select
        a.device_sn,
        a.punch_date,
        {{ eperf.period_of('a.punch_date') }} as period,
        a.nip as first_nip,
        b.nip as second_nip,
        a.punch_time_device as first_punch_time,
        b.punch_time_device as second_punch_time,
        abs({{ eperf.seconds_between('a.punch_time_device', 'b.punch_time_device') }}) as seconds_apart,
        cast(a.window_value as integer) as window_seconds,
        a.min_days
    from neighbours a
    inner join punches b
        on b.device_sn = a.device_sn
        and b.punch_date = a.punch_date
        and b.bucket = a.neighbour_bucket
        and b.nip > a.nip
    where abs({{ eperf.seconds_between('a.punch_time_device', 'b.punch_time_device') }}) <= a.window_value
),

repeated_pair_months as (
    -- at least the smallest minimum in force on any day: a superset of the repeated pair-months,
    -- which the final filter narrows to the minimum in force on each pair's date
    select first_nip, second_nip, period, count(distinct punch_date) as pair_days_in_period
    from pairs
    group by first_nip, second_nip, period
    having count(distinct punch_date) >= (
        select min(pm.value) from parameters pm where pm.parameter = 'buddy_punch_min_days'
    )
)

select
    p.device_sn,
    p.punch_date,
    p.period,
    p.first_nip,
    p.second_nip,
    p.first_punch_time,
    p.second_punch_time,
    cast(p.seconds_apart as integer) as seconds_apart,
    p.window_seconds,
    cast(m.pair_days_in_period as integer) as pair_days_in_period,
    cast(p.min_days as integer) as min_days
from pairs p
inner join repeated_pair_months m
    on m.first_nip = p.first_nip and m.second_nip = p.second_nip and m.period = p.period
where m.pair_days_in_period >= p.min_days
