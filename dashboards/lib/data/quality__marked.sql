-- The employee-months a row still held may change. Personal data (NIP): the data team only.
select
    m.nip,
    m.period,
    m.unit_id,
    u.unit_name,
    m.quarantined_rows::bigint as quarantined_rows,
    m.reasons
from fct_marked_employee_months as m
left join dim_org_unit as u on u.unit_id = m.unit_id
where getvariable('may_see_quarantine_rows')
order by m.period desc, m.quarantined_rows desc, m.nip
limit $limit
