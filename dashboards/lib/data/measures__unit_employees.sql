-- Direct members of a unit, one row each: only for scopes that may see personal data.
select
    v.nip,
    e.full_name,
    v.job_class,
    v.employment_status,
    v.hadir_days,
    v.tk_days,
    v.leave_days,
    employee_tl_count(v) as tl_count,
    employee_psw_count(v) as psw_count,
    v.capaian_pct::double as capaian_pct,
    v.predicate,
    v.tukin_potential_idr,
    v.tukin_net_idr
from visible_months as v
left join dim_employee as e on e.nip = v.nip
where getvariable('may_see_personal') and v.unit_id = $unit_id and v.period = $period
order by e.full_name, v.nip
