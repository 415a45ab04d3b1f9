-- One employee-month's marks, for its statement: only when the month is visible to the scope.
select m.quarantined_rows::bigint as quarantined_rows, m.reasons
from fct_marked_employee_months as m
where m.nip = $nip
    and m.period = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
