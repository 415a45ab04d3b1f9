{{ config(**eperf.partitioned_config('period', 'period_onwards')) }}
-- Grain: one row per employee per period with a row in int_employee_months_settled (R12, pemetaan
-- kompetensi). The window is the employee's last development_window_periods (3) periods with data
-- up to and including the period (fewer at the start of the history).
--   performance_axis  policy_development_axes PERFORMANCE bands on the average of the window's
--                     monthly capaian_pct (< 90 LOW, 90-110 MID, > 110 HIGH); months without a
--                     target carry no capaian and are left out, and a window with none counts as
--                     100 (as R3 rates a month without target);
--   behaviour_axis    the BEHAVIOUR level of lowest precedence whose rating occurs in the window
--                     (any DI_BAWAH -> LOW, else any DI_ATAS -> HIGH, else MID); an unrated month
--                     counts as SESUAI_EKSPEKTASI (R3);
--   recommendations   comma-separated codes of policy_development_recommendations, in its order:
--                     GRID_CELL matches the cell, LOW_PERFORMANCE_PERIODS when at least
--                     development_low_performance_min_periods (2) months of the window are LOW by
--                     the same bands, DISCIPLINE_REFERRAL when int_discipline_referrals_raised has a row for
--                     the employee in the window's periods. Null when none applies.
-- Policy rows in force on the period's last day apply. A partition run rebuilds its window's
-- periods and every later one (a later window may reach back into it), from the whole history.
with axes as (
    select * from {{ eperf.policy_rows('policy_development_axes') }}
),

months as (
    select
        m.nip,
        m.period,
        m.unit_id,
        m.capaian_pct,
        m.behaviour_rating,
        p.period_end,
        row_number() over (partition by m.nip order by m.period) as month_seq
    from {{ ref('int_employee_months_settled') }} m
    inner join {{ ref('int_periods_summarised') }} p on p.period = m.period
),

months_banded as (
    -- each month's own performance level, for PEMBINAAN_KINERJA
    select m.*, a.level as month_performance_level
    from months m
    {{ eperf.development_performance_join('a', 'coalesce(m.capaian_pct, 100)', 'm.period_end') }}
),

anchored as (
    select
        m.*,
        cast(pw.value as integer) as window_periods,
        cast(pl.value as integer) as low_performance_min_periods
    from months m
    {{ eperf.join_parameter('pw', 'development_window_periods', 'm.period_end') }}
    {{ eperf.join_parameter('pl', 'development_low_performance_min_periods', 'm.period_end') }}
    where {{ eperf.in_partition_window('m.period', 'period_onwards') }}
),

window_months as (
    select
        a.nip,
        a.period,
        w.period as window_period,
        w.capaian_pct,
        w.behaviour_rating,
        w.month_performance_level
    from anchored a
    inner join months_banded w
        on w.nip = a.nip
        and w.month_seq between a.month_seq - a.window_periods + 1 and a.month_seq
),

windows as (
    select
        nip,
        period,
        min(window_period) as window_start_period,
        count(*) as periods_in_window,
        sum(capaian_pct) as capaian_pct_sum,
        count(capaian_pct) as capaian_pct_n,
        sum(case when month_performance_level = 'LOW' then 1 else 0 end) as low_performance_periods,
        sum(case when behaviour_rating = 'DI_BAWAH_EKSPEKTASI' then 1 else 0 end) as behaviour_di_bawah_periods,
        sum(case when behaviour_rating = 'DI_ATAS_EKSPEKTASI' then 1 else 0 end) as behaviour_di_atas_periods
    from window_months
    group by nip, period
),

averaged as (
    select
        w.*,
        case when w.capaian_pct_n > 0 then {{ eperf.decimal_ratio('w.capaian_pct_sum', 'w.capaian_pct_n') }} end
            as avg_capaian_exact
    from windows w
),

behaviour_levels as (
    select nip, period, level as behaviour_axis
    from (
        select
            x.nip,
            x.period,
            b.level,
            row_number() over (partition by x.nip, x.period order by b.precedence) as level_rank
        from (select distinct nip, period, behaviour_rating from window_months) x
        inner join anchored m on m.nip = x.nip and m.period = x.period
        inner join axes b
            on b.axis = 'BEHAVIOUR'
            and {{ eperf.in_force('b', 'm.period_end') }}
            and (b.behaviour_rating is null or b.behaviour_rating = x.behaviour_rating)
    ) ranked
    where level_rank = 1
),

referrals as (
    select distinct w.nip, w.period
    from averaged w
    inner join {{ ref('int_discipline_referrals_raised') }} r
        on r.nip = w.nip and r.period between w.window_start_period and w.period
),

mapped as (
    select
        m.nip,
        m.period,
        m.unit_id,
        m.period_end,
        m.low_performance_min_periods,
        w.window_start_period,
        w.periods_in_window,
        w.avg_capaian_exact,
        w.low_performance_periods,
        w.behaviour_di_bawah_periods,
        w.behaviour_di_atas_periods,
        r.nip is not null as has_discipline_referral,
        pa.level as performance_axis,
        b.behaviour_axis
    from anchored m
    inner join averaged w on w.nip = m.nip and w.period = m.period
    left join behaviour_levels b on b.nip = m.nip and b.period = m.period
    left join referrals r on r.nip = m.nip and r.period = m.period
    {{ eperf.development_performance_join('pa', 'coalesce(w.avg_capaian_exact, 100)', 'm.period_end') }}
),

recommended as (
    select
        m.nip,
        m.period,
        {{ dbt.listagg('x.recommendation', "','", 'order by x.recommendation_order') }} as recommendations
    from mapped m
    inner join (
        select * from {{ eperf.policy_rows('policy_development_recommendations') }}
    ) x
        on {{ eperf.in_force('x', 'm.period_end') }}
        and (
            (x.trigger = 'GRID_CELL'
                and coalesce(x.performance_axis, m.performance_axis) = m.performance_axis
                and coalesce(x.behaviour_axis, m.behaviour_axis) = m.behaviour_axis)
            or (x.trigger = 'LOW_PERFORMANCE_PERIODS' and m.low_performance_periods >= m.low_performance_min_periods)
            or (x.trigger = 'DISCIPLINE_REFERRAL' and m.has_discipline_referral)
        )
    group by m.nip, m.period
)

select
    m.nip,
    m.period,
    m.unit_id,
    m.window_start_period,
    cast(m.periods_in_window as integer) as periods_in_window,
    cast(round(m.avg_capaian_exact, 2) as decimal(9, 2)) as avg_capaian_pct,
    cast(m.low_performance_periods as integer) as low_performance_periods,
    cast(m.behaviour_di_bawah_periods as integer) as behaviour_di_bawah_periods,
    cast(m.behaviour_di_atas_periods as integer) as behaviour_di_atas_periods,
    m.has_discipline_referral,
    m.performance_axis,
    m.behaviour_axis,
    r.recommendations,
    '{{ var("rule_set") }}' as rule_set
from mapped m
left join recommended r on r.nip = m.nip and r.period = m.period
