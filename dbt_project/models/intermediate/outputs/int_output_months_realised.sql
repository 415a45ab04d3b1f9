-- Grain: one row per RKAKL output per period (month end) of its fiscal year present in the
-- warehouse (R11).
-- realised_volume = the approved quantity of the output's linked, credited reports from the fiscal
-- year's first day to the month's end (int_activity_reports_linked); realisation = realised /
-- target_volume. The plan is linear: planned = months elapsed / output_plan_months (12). The
-- output is TERTINGGAL when planned_pct - realisation_pct > output_behind_threshold_points (15),
-- compared cross-multiplied (100 m target - 100 q months > T months target) so no division
-- decides a status. A target of 0 has no realisation and no status (target_is_zero).
-- Parameters in force on the period's last day apply.
with periods as (
    select
        period,
        period_end,
        cast(substr(period, 1, 4) as integer) as fiscal_year,
        cast(substr(period, 6, 2) as integer) as months_elapsed
    from {{ ref('int_periods_summarised') }}
),

monthly_volume as (
    select output_code, period, sum(quantity) as realised_volume_month, sum(credited_minutes) as credited_minutes_month
    from {{ ref('int_activity_reports_linked') }}
    where output_code is not null and not claimed_while_absent
    group by output_code, period
),

grid as (
    select
        o.output_code,
        cast(o.fiscal_year as integer) as fiscal_year,
        p.period,
        p.months_elapsed,
        o.unit_id,
        o.output_name,
        o.output_unit,
        cast(o.target_volume as decimal(18, 2)) as target_volume,
        cast(o.budget_idr as bigint) as budget_idr,
        cast(coalesce(v.realised_volume_month, 0) as decimal(18, 2)) as realised_volume_month,
        cast(coalesce(v.credited_minutes_month, 0) as decimal(18, 2)) as credited_minutes_month,
        cast(pm.value as integer) as plan_months,
        pt.value as behind_threshold_points
    from {{ ref('stg_app__rkakl_outputs') }} o
    inner join periods p on p.fiscal_year = o.fiscal_year
    left join monthly_volume v on v.output_code = o.output_code and v.period = p.period
    {{ eperf.join_parameter('pm', 'output_plan_months', 'p.period_end') }}
    {{ eperf.join_parameter('pt', 'output_behind_threshold_points', 'p.period_end') }}
),

cumulated as (
    select
        g.*,
        cast(sum(g.realised_volume_month) over (
            partition by g.output_code, g.fiscal_year order by g.period
            rows between unbounded preceding and current row
        ) as decimal(18, 2)) as realised_volume
    from grid g
)

select
    c.output_code,
    c.fiscal_year,
    c.period,
    c.unit_id,
    c.output_name,
    c.output_unit,
    c.target_volume,
    c.realised_volume,
    c.realised_volume_month,
    c.credited_minutes_month,
    c.budget_idr,
    c.months_elapsed,
    c.plan_months,
    c.target_volume <= 0 as target_is_zero,
    case when c.target_volume > 0 then {{ eperf.decimal_ratio('c.realised_volume', 'c.target_volume') }} end
        as realisation_ratio,
    case when c.target_volume > 0 then
        cast(round(100 * {{ eperf.decimal_ratio('c.realised_volume', 'c.target_volume') }}, 2) as decimal(9, 2))
    end as realisation_pct,
    cast(round(100 * {{ eperf.decimal_ratio('c.months_elapsed', 'c.plan_months') }}, 2) as decimal(9, 2))
        as planned_pct,
    case
        when c.target_volume <= 0 then null
        when 100 * c.months_elapsed * c.target_volume - 100 * c.realised_volume * c.plan_months
            > c.behind_threshold_points * c.plan_months * c.target_volume then 'TERTINGGAL'
        else 'SESUAI_RENCANA'
    end as status
from cumulated c
