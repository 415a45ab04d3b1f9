-- R11: every employee-month's tukin allocation to outputs (and TANPA_OUTPUT) adds up to its net
-- tukin exactly, in whole rupiah; an employee-month without a line fails too. A partition run
-- tests its window's periods.
{{ config(meta={'dagster': {'ref': {'name': 'fct_output_tukin_allocation'}}}) }}
select m.nip, m.period, m.tukin_net_idr, a.allocated_idr
from {{ ref('fct_employee_monthly') }} m
left join (
    select nip, period, sum(allocated_tukin_idr) as allocated_idr
    from {{ ref('fct_output_tukin_allocation') }}
    where {{ eperf.window_predicate('period') }}
    group by nip, period
) a on a.nip = m.nip and a.period = m.period
where {{ eperf.window_predicate('m.period') }}
    and (a.allocated_idr is null or a.allocated_idr <> m.tukin_net_idr)
