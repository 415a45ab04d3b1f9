-- Fails for every employee-month whose explanation lines do not add up, to the rupiah, to
-- tukin_potential_idr - tukin_net_idr (R4: every rupiah withheld is explained). A partition run
-- tests its window's periods.
{{ config(meta={'dagster': {'ref': {'name': 'fct_tukin_lines'}}}) }}
select
    m.nip,
    m.period,
    m.tukin_potential_idr - m.tukin_net_idr as withheld_idr,
    coalesce(sum(l.amount_idr), 0) as explained_idr
from {{ ref('fct_employee_monthly') }} m
left join {{ ref('fct_tukin_lines') }} l on l.nip = m.nip and l.period = m.period
where {{ eperf.window_predicate('m.period') }}
group by m.nip, m.period, m.tukin_potential_idr, m.tukin_net_idr
having m.tukin_potential_idr - m.tukin_net_idr <> coalesce(sum(l.amount_idr), 0)
