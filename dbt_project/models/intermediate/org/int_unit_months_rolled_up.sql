{{ config(**eperf.partitioned_config('period')) }}
-- Grain: one row per org unit per period per scope (DIRECT: the unit's own members; SUBTREE: the
-- unit and every unit below it) (R5). One definition at every level: each measure is a sum over
-- the employee-months counted, so SUBTREE(parent) = DIRECT(parent) + the children's SUBTREE, and
-- ratios are recomputed from the sums (never averaged averages). An employee-month belongs to the
-- unit of the assignment that counts for the period (R4); headcount counts those assigned on the
-- period's last day. Period-local: a partition run rebuilds only its window's periods.
with members as (
    select
        m.*,
        x.assignment_as_of = p.period_end as assigned_on_last_day
    from {{ ref('int_employee_months_settled') }} m
    inner join {{ ref('int_employee_months_assigned') }} x on x.nip = m.nip and x.period = m.period
    inner join {{ ref('int_periods_summarised') }} p on p.period = m.period
    where {{ eperf.in_partition_window('m.period') }}
),

scoped as (
    {{ eperf.scoped_by_unit('members') }}
),

measured as (
    select
        scope_unit_id as unit_id,
        period,
        scope,
        sum(case when assigned_on_last_day then 1 else 0 end) as headcount,
        count(*) as employee_months,
        sum(employment_factor) as fte,
        sum(assigned_workdays) as workdays,
        sum(hadir_days) as hadir_days,
        sum(tk_days) as tk_days,
        sum(leave_days) as leave_days,
        sum(tl1_count + tl2_count + tl3_count + tl4_count) as tl_count,
        sum(psw1_count + psw2_count + psw3_count + psw4_count) as psw_count,
        sum(capaian_pct) as capaian_pct_sum,
        count(capaian_pct) as capaian_pct_n,
        sum(credited_minutes) as credited_minutes,
        {%- for p in ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] %}
        sum(case when predicate = '{{ p }}' then 1 else 0 end) as n_{{ p | lower }},
        {%- endfor %}
        sum(tukin_potential_idr) as tukin_potential_idr,
        sum(tukin_net_idr) as tukin_net_idr
    from scoped
    group by scope_unit_id, period, scope
)

select
    m.unit_id,
    m.period,
    m.scope,
    cast(m.headcount as integer) as headcount,
    cast(m.employee_months as integer) as employee_months,
    cast(m.fte as decimal(18, 6)) as fte,
    cast(m.workdays as integer) as workdays,
    cast(m.hadir_days as integer) as hadir_days,
    cast(m.tk_days as integer) as tk_days,
    cast(m.leave_days as integer) as leave_days,
    cast(m.tl_count as integer) as tl_count,
    cast(m.psw_count as integer) as psw_count,
    cast(m.capaian_pct_sum as decimal(18, 2)) as capaian_pct_sum,
    cast(m.capaian_pct_n as integer) as capaian_pct_n,
    cast(round(m.capaian_pct_sum / nullif(m.capaian_pct_n, 0), 2) as decimal(9, 2)) as avg_capaian_pct,
    cast(m.credited_minutes as decimal(18, 2)) as credited_minutes,
    {%- for p in ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] %}
    cast(m.n_{{ p }} as integer) as n_{{ p }},
    {%- endfor %}
    cast(m.tukin_potential_idr as bigint) as tukin_potential_idr,
    cast(m.tukin_net_idr as bigint) as tukin_net_idr,
    cast(round(100.0 * m.tukin_net_idr / nullif(m.tukin_potential_idr, 0), 2) as decimal(9, 2))
        as realisation_pct
from measured m
