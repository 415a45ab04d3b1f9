-- One employee-month, when visible to the scope, with its TL and PSW totals over the R2 bands.
select
    v.*,
    employee_tl_count(v) as tl_count,
    employee_psw_count(v) as psw_count,
    e.full_name,
    u.unit_name,
    u.eselon1_unit_name
from visible_months as v
left join dim_employee as e on e.nip = v.nip
left join dim_org_unit as u on u.unit_id = v.unit_id
where v.nip = $nip and v.period = $period
