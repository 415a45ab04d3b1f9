-- Grain: one row per RKAKL output per period (month end) of its fiscal year (R11).
-- Volumes and money are fiscal year-to-date at the month's end (realised_volume,
-- allocated_tukin_idr), with the month's own figures beside them (*_month). tukin_per_unit_idr
-- = allocated_tukin_idr / realised_volume, whole rupiah half-up (null before any volume): what a
-- unit of output has cost in performance allowance so far this year.
with allocated as (
    select output_code, period, sum(allocated_tukin_idr) as allocated_tukin_month_idr
    from {{ ref('int_output_tukin_allocated') }}
    where output_code <> 'TANPA_OUTPUT'
    group by output_code, period
),

joined as (
    select
        r.*,
        cast(coalesce(a.allocated_tukin_month_idr, 0) as bigint) as allocated_tukin_month_idr,
        cast(sum(coalesce(a.allocated_tukin_month_idr, 0)) over (
            partition by r.output_code, r.fiscal_year order by r.period
            rows between unbounded preceding and current row
        ) as bigint) as allocated_tukin_idr
    from {{ ref('int_output_months_realised') }} r
    left join allocated a on a.output_code = r.output_code and a.period = r.period
)

select
    j.output_code,
    j.fiscal_year,
    j.period,
    j.unit_id,
    j.output_name,
    j.output_unit,
    j.target_volume,
    j.realised_volume,
    j.realised_volume_month,
    j.realisation_pct,
    j.planned_pct,
    j.status,
    j.target_is_zero,
    j.budget_idr,
    j.allocated_tukin_idr,
    j.allocated_tukin_month_idr,
    j.credited_minutes_month,
    case when j.realised_volume > 0 then
        {{ eperf.round_half_up(eperf.decimal_ratio('j.allocated_tukin_idr', 'j.realised_volume')) }}
    end as tukin_per_unit_idr,
    '{{ var("rule_set") }}' as rule_set
from joined j
