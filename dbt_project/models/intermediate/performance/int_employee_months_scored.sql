{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per employee per period with at least one assigned workday (R3).
-- capaian_pct = 100 x credited / target; perf_factor = min(1, credited / target), 1 when the
-- target is 0 (flagged). Work-result rating from policy_work_result_bands (min inclusive, max
-- exclusive); a missing behaviour rating counts as SESUAI_EKSPEKTASI and is flagged; the predicate
-- comes from the PermenPAN-RB 6/2022 matrix. Policy rows in force on the period's first day apply.
with attendance as (
    select * from {{ ref('int_employee_months_attendance') }}
),

credited as (
    select nip, period, sum(credited_minutes) as credited_minutes
    from {{ ref('int_activity_days_capped') }}
    group by nip, period
),

periods as (
    select * from {{ ref('int_periods_summarised') }}
),

measured as (
    select
        a.nip,
        a.period,
        p.period_start,
        cast(coalesce(c.credited_minutes, 0) as decimal(18, 2)) as credited_minutes,
        cast(a.target_minutes as decimal(18, 2)) as target_minutes,
        a.target_minutes = 0 as target_is_zero,
        case when a.target_minutes > 0 then
            cast(round(100 * {{ eperf.decimal_ratio('coalesce(c.credited_minutes, 0)', 'a.target_minutes') }}, 2) as decimal(9, 2)) -- noqa: LT05
        end as capaian_pct,
        case when a.target_minutes > 0 then
            least(cast(1 as decimal(38, 16)), {{ eperf.decimal_ratio('coalesce(c.credited_minutes, 0)', 'a.target_minutes') }}) -- noqa: LT05
            else cast(1 as decimal(38, 16))
        end as perf_factor,
        r.rating as rated_behaviour
    from attendance a
    inner join periods p on p.period = a.period
    left join credited c on c.nip = a.nip and c.period = a.period
    left join {{ ref('stg_app__behaviour_ratings') }} r on r.nip = a.nip and r.period = a.period
),

rated as (
    select
        m.*,
        wr.rating as work_result_rating,
        coalesce(m.rated_behaviour, 'SESUAI_EKSPEKTASI') as behaviour_rating,
        m.rated_behaviour is null as behaviour_unrated
    from measured m
    {{ eperf.work_result_band_join('m.capaian_pct', 'm.period_start') }}
)

select
    r.nip,
    r.period,
    r.credited_minutes,
    r.target_minutes,
    r.target_is_zero,
    r.capaian_pct,
    r.perf_factor,
    r.work_result_rating,
    r.behaviour_rating,
    r.behaviour_unrated,
    pm.predicate
from rated r
{{ eperf.predicate_matrix_join('r.period_start') }}
where {{ eperf.in_partition_window('r.period') }}
