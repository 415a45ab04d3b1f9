-- The R10 flags of the period with NIP and name: personal data.
select
    f.flag_code,
    f.flag_date,
    f.nip,
    e.full_name,
    f.device_sn,
    u.unit_name,
    f.metric_value::double as metric_value,
    f.threshold_value::double as threshold_value,
    f.metric_unit,
    f.details
from fct_integrity_flags as f
inner join scope_units as u on u.unit_id = f.unit_id
left join dim_employee as e on e.nip = f.nip
where getvariable('may_see_personal') and f.period = $period
order by f.flag_code, f.flag_date, u.unit_name, f.nip, f.device_sn
limit $limit
