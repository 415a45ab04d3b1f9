{{ config(window_column='period', window_kind='period') }}
-- A partition run tests the window's periods only (eperf.get_where_subquery): the key holds the
-- period.
-- Grain: one row per org unit per period per scope (DIRECT / SUBTREE, as R5) (R11 roll-up).
-- Two memberships, both scoped by eperf.scoped_by_unit:
--   outputs  - the RKAKL outputs the unit owns (rkakl_output.unit_id): counts, budget, allocated
--              tukin, and realisation_pct = the budget-weighted mean of the outputs' realisation,
--              sum(budget x realised / target) / sum(budget) (outputs with a zero target left out);
--   minutes  - the credited minutes of the unit's employee-months (the assignment that counts,
--              R4) and the share spent on activities linked to no output (TANPA_OUTPUT).
-- A unit appears when it has either; the other side's columns are then null.
with outputs as (
    select
        f.*,
        r.realisation_ratio
    from {{ ref('int_output_months_costed') }} f
    inner join {{ ref('int_output_months_realised') }} r on r.output_code = f.output_code and r.period = f.period
),

outputs_scoped as (
    {{ eperf.scoped_by_unit('outputs') }}
),

output_measures as (
    select
        scope_unit_id as unit_id,
        period,
        scope,
        count(*) as n_outputs,
        sum(case when status = 'TERTINGGAL' then 1 else 0 end) as n_tertinggal,
        sum(budget_idr) as budget_idr,
        sum(case when not target_is_zero then budget_idr else 0 end) as weighted_budget_idr,
        -- budgets run to hundreds of billions of rupiah: whole rupiah times the 16-place ratio
        -- (eperf.decimal_product keeps only 10 integer digits)
        sum(case when not target_is_zero then cast(budget_idr as decimal(38, 0)) * realisation_ratio else 0 end)
            as budget_x_realisation,
        max(planned_pct) as planned_pct,
        sum(allocated_tukin_idr) as allocated_tukin_idr,
        sum(allocated_tukin_month_idr) as allocated_tukin_month_idr
    from outputs_scoped
    group by scope_unit_id, period, scope
),

allocation_scoped as (
    {{ eperf.scoped_by_unit(ref('int_output_tukin_allocated')) }}
),

minute_measures as (
    select
        scope_unit_id as unit_id,
        period,
        scope,
        sum(credited_minutes) as credited_minutes,
        sum(case when is_no_output then credited_minutes else 0 end) as no_output_minutes,
        sum(case when is_no_output then allocated_tukin_idr else 0 end) as no_output_tukin_idr,
        sum(allocated_tukin_idr) as tukin_net_idr
    from allocation_scoped
    group by scope_unit_id, period, scope
)

select
    coalesce(o.unit_id, m.unit_id) as unit_id,
    coalesce(o.period, m.period) as period,
    coalesce(o.scope, m.scope) as scope,
    cast(o.n_outputs as integer) as n_outputs,
    cast(o.n_tertinggal as integer) as n_tertinggal,
    cast(o.budget_idr as bigint) as budget_idr,
    case when o.weighted_budget_idr > 0 then
        cast(round(100 * {{ eperf.decimal_ratio('round(o.budget_x_realisation, 4)', 'o.weighted_budget_idr') }}, 2) as decimal(9, 2)) -- noqa: LT05
    end as realisation_pct,
    o.planned_pct,
    cast(o.allocated_tukin_idr as bigint) as allocated_tukin_idr,
    cast(o.allocated_tukin_month_idr as bigint) as allocated_tukin_month_idr,
    cast(m.credited_minutes as decimal(18, 2)) as credited_minutes,
    cast(m.no_output_minutes as decimal(18, 2)) as no_output_minutes,
    case when m.credited_minutes > 0 then
        cast(round(100 * {{ eperf.decimal_ratio('m.no_output_minutes', 'm.credited_minutes') }}, 2) as decimal(9, 2))
    end as no_output_minutes_pct,
    cast(m.no_output_tukin_idr as bigint) as no_output_tukin_idr,
    cast(m.tukin_net_idr as bigint) as tukin_net_idr
from output_measures o
full outer join minute_measures m
    on m.unit_id = o.unit_id and m.period = o.period and m.scope = o.scope
