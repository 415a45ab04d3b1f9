-- R5 roll-up identity: for every unit and period, each additive SUBTREE measure equals the unit's
-- DIRECT measure plus the SUBTREE measures of its children. Fails with the offending rows. A
-- partition run tests its window's periods.
{{ config(meta={'dagster': {'ref': {'name': 'fct_unit_monthly'}}}) }}
{%- set measures = ['headcount', 'employee_months', 'fte', 'workdays', 'hadir_days', 'tk_days',
    'leave_days', 'tl_count', 'psw_count', 'capaian_pct_sum', 'capaian_pct_n', 'credited_minutes',
    'n_sangat_baik', 'n_baik', 'n_butuh_perbaikan', 'n_kurang', 'n_sangat_kurang',
    'tukin_potential_idr', 'tukin_net_idr'] %}
with subtree as (
    select * from {{ ref('fct_unit_monthly') }}
    where scope = 'SUBTREE' and {{ eperf.window_predicate('period') }}
),

direct as (
    select * from {{ ref('fct_unit_monthly') }}
    where scope = 'DIRECT' and {{ eperf.window_predicate('period') }}
),

children as (
    select u.parent_unit_id as unit_id, s.period,
        {%- for m in measures %}
        sum(s.{{ m }}) as {{ m }}{{ "," if not loop.last }}
        {%- endfor %}
    from subtree s
    inner join {{ ref('dim_org_unit') }} u on u.unit_id = s.unit_id
    where u.parent_unit_id is not null
    group by u.parent_unit_id, s.period
)

select s.unit_id, s.period
from subtree s
left join direct d on d.unit_id = s.unit_id and d.period = s.period
left join children c on c.unit_id = s.unit_id and c.period = s.period
where
    {%- for m in measures %}
    s.{{ m }} <> coalesce(d.{{ m }}, 0) + coalesce(c.{{ m }}, 0){{ " or" if not loop.last }}
    {%- endfor %}
