{{ config(**eperf.partitioned_config('period', 'period_onwards')) }}
-- Grain: one row per employee per period with assigned workdays (R7).
-- Year to date, up to the period's end: TK days, late + early minutes, and discipline days =
-- TK days + floor(minutes / 450) (7.5 hours of lateness count as one day absent); the band of
-- policy_discipline_bands that total falls in, and the previous period's band in the same year.
-- A partition run rebuilds its window's periods and every later one (they add the window's months
-- up), from the months since January of the window's first year.
-- The months before the window are the stored months of int_employee_months_attendance, as the
-- days they add up were (a partition run rebuilds neither): 40,000 rows a month, where adding
-- up the year's 9.4 million classified days took 2.5-3.8 s of December's run at 40,000
-- employees.
with monthly as (
    select
        nip,
        period,
        cast(substr(period, 1, 4) as integer) as year,
        tk_days,
        late_early_minutes,
        last_assigned_workday as last_workday
    from {{ ref('int_employee_months_attendance') }}
    where {{ eperf.in_partition_window_years('period') }}
),

ytd as (
    select
        m.*,
        sum(m.tk_days) over (partition by m.nip, m.year order by m.period) as tk_days_ytd,
        sum(m.late_early_minutes) over (partition by m.nip, m.year order by m.period)
            as late_early_minutes_ytd
    from monthly m
),

counted as (
    select
        y.*,
        cast(y.tk_days_ytd + floor(y.late_early_minutes_ytd / p.value) as integer)
            as discipline_days_ytd
    from ytd y
    {{ eperf.join_parameter('p', 'minutes_per_discipline_day', 'y.last_workday', 'inner') }}
),

banded as (
    select
        c.*,
        b.band_rank,
        b.recommended_sanction
    from counted c
    left join {{ eperf.policy_rows('policy_discipline_bands') }} b
        on {{ eperf.in_band('c.discipline_days_ytd', 'b.min_days', 'b.max_days') }}
        and {{ eperf.in_force('b', 'c.last_workday') }}
),

lagged as (
    select
        b.*,
        lag(b.band_rank) over (partition by b.nip, b.year order by b.period) as previous_band_rank
    from banded b
)

select * from lagged
where {{ eperf.in_partition_window('period', 'period_onwards') }}
