-- Fails for every rule set and date where W_perf + W_disc is not 1: the tukin formula (R4) and the
-- explanation lines (fct_tukin_lines) assume the two weights split the whole allowance.
with changes as (
    select distinct rule_set, effective_from as on_date from {{ ref('policy_parameters') }}
    where parameter in ('weight_performance', 'weight_discipline')
)
select c.rule_set, c.on_date, sum(p.value) as weight_sum
from changes c
inner join {{ ref('policy_parameters') }} p
    on p.rule_set = c.rule_set
    and p.parameter in ('weight_performance', 'weight_discipline')
    and {{ eperf.in_force('p', 'c.on_date') }}
group by c.rule_set, c.on_date
having sum(p.value) <> 1
