-- R10 flags of the period per unit and flag code (flags, distinct employees or devices); small
-- units are left out.
with flags as (
    select
        f.unit_id,
        f.flag_code,
        count(*)::bigint as flags,
        count(distinct coalesce(f.nip, f.device_sn))::bigint as subjects
    from fct_integrity_flags as f
    where f.period = $period and f.unit_id in (select unit_id from scope_units)
    group by f.unit_id, f.flag_code
)

select f.unit_id, u.unit_name, h.headcount::bigint as headcount, f.flag_code, f.flags, f.subjects
from flags as f
inner join scope_units as u on u.unit_id = f.unit_id
left join unit_heads as h
    on h.unit_id = f.unit_id and h.period = $period and h.scope = 'DIRECT'
where not suppressed(h.headcount)
order by u.unit_name, f.unit_id, f.flag_code
