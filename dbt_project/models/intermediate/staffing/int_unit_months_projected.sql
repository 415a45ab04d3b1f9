-- Grain: one row per unit per scope per month of the 12 after the last period with data (R6).
-- Known exits are subtracted from the last month's FTE: the SIMPEG exit date when set, otherwise
-- retirement on the first day of the month after the birthday at 58 (60 for STRUKTURAL leaders of
-- eselon I-II units), a simplification of UU ASN's ages. The workload is held at the last month's.
with last_period as (
    select max(period) as period, max(period_end) as period_end from {{ ref('int_periods_summarised') }}
),

ages as (
    select
        {%- set parameters = [
            ('retirement_age', 'retirement_age'),
            ('retirement_age_senior_leader', 'senior_age'),
            ('effective_minutes_per_fte_month', 'minutes_per_fte'),
        ] %}
        {%- for name, alias in parameters %}
        {{ eperf.policy_parameter(name, 'l.period_end') }} as {{ alias }}{{ "," if not loop.last }}
        {%- endfor %}
    from last_period l
),

members as (
    select
        m.nip,
        m.unit_id,
        m.employment_factor,
        coalesce(
            e.exit_date,
            cast({{ eperf.add_to_date('month', 1, dbt.date_trunc('month', eperf.add_to_date('year', 'r.age', 'e.birth_date'))) }} as date) -- noqa: LT05
        ) as exit_on
    from {{ ref('int_employee_months_settled') }} m
    inner join last_period l on l.period = m.period
    inner join {{ ref('stg_simpeg__employees') }} e on e.nip = m.nip
    inner join {{ ref('int_employee_months_assigned') }} x on x.nip = m.nip and x.period = m.period
    inner join {{ ref('stg_simpeg__org_units') }} u on u.unit_id = m.unit_id
    cross join ages a
    cross join lateral (
        select case when x.position_kind = 'STRUKTURAL' and u.echelon in (1, 2)
                    then a.senior_age else a.retirement_age end as age
    ) r
),

months as (
    select
        ks.k as months_ahead,
        cast({{ dbt.last_day(dbt.dateadd('month', 'ks.k', 'l.period_end'), 'month') }} as date) as month_end
    from last_period l
    cross join (
        {% for k in range(1, 13) %}select {{ k }} as k{{ " union all " if not loop.last }}{% endfor %} -- noqa: LT05
    ) ks
),

scoped as (
    {{ eperf.scoped_by_unit('members') }}
),

workload as (
    select s.unit_id, s.scope, s.workload_minutes, s.fte_actual
    from {{ ref('int_unit_periods_assessed') }} s
    where s.period_grain = 'MONTH' and s.period = (select lp.period from last_period lp)
),

projected as (
    select
        s.scope_unit_id as unit_id,
        s.scope,
        mo.months_ahead,
        {{ eperf.period_of('mo.month_end') }} as period,
        sum(case when s.exit_on > mo.month_end then s.employment_factor else 0 end) as fte_projected,
        sum(case when s.exit_on <= mo.month_end then 1 else 0 end) as known_exits
    from scoped s
    cross join months mo
    group by s.scope_unit_id, s.scope, mo.months_ahead, mo.month_end
)

select
    p.unit_id,
    p.scope,
    cast(p.months_ahead as integer) as months_ahead,
    p.period,
    cast(p.known_exits as integer) as known_exits,
    cast(p.fte_projected as decimal(18, 4)) as fte_projected,
    cast(w.workload_minutes as decimal(18, 2)) as workload_minutes,
    cast(w.workload_minutes / nullif(p.fte_projected * a.minutes_per_fte, 0) as decimal(18, 4))
        as ej_projected,
    {{ eperf.staffing_band('VERDICT', 'w.workload_minutes / nullif(p.fte_projected * a.minutes_per_fte, 0)', 'l.period_end') }} -- noqa: LT05
        as verdict_projected
from projected p
cross join ages a
cross join last_period l
left join workload w on w.unit_id = p.unit_id and w.scope = p.scope
