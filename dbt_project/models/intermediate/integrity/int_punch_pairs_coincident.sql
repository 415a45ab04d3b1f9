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
with parameters as (
    select * from {{ ref('policy_parameters') }} where rule_set = '{{ var('rule_set') }}'
),

punches as (
    select
        p.device_sn,
        p.nip,
        p.punch_time_device,
        p.punch_date,
        w.value as window_value,
        floor(
            {{ eperf.seconds_between('cast(p.punch_date as timestamp)', 'p.punch_time_device') }}
            / case when w.value > 0 then w.value else 1 end
        ) as bucket
    from (
        select distinct
            device_sn,
            nip,
            punch_time_device,
            cast(punch_time_device as date) as punch_date
        from {{ ref('stg_attendance__punches') }}
        where {{ eperf.in_partition_window('punch_time_device', 'timestamp') }}
    ) p
    inner join parameters w
        on w.parameter = 'buddy_punch_window_seconds' and {{ eperf.in_force('w', 'p.punch_date') }}
),

neighbours as (
    select p.*, p.bucket + k.k as neighbour_bucket
    from punches p
    cross join (select -1 as k union all select 0 union all select 1) k
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
        cast(a.window_value as integer) as window_seconds
    from neighbours a
    inner join punches b
        on b.device_sn = a.device_sn
        and b.punch_date = a.punch_date
        and b.bucket = a.neighbour_bucket
        and b.nip > a.nip
    where abs({{ eperf.seconds_between('a.punch_time_device', 'b.punch_time_device') }}) <= a.window_value
),

pair_months as (
    select first_nip, second_nip, period, count(distinct punch_date) as pair_days_in_period
    from pairs
    group by first_nip, second_nip, period
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
    cast(n.value as integer) as min_days
from pairs p
inner join pair_months m
    on m.first_nip = p.first_nip and m.second_nip = p.second_nip and m.period = p.period
inner join parameters n
    on n.parameter = 'buddy_punch_min_days' and {{ eperf.in_force('n', 'p.punch_date') }}
where m.pair_days_in_period >= n.value
