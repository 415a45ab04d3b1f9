-- The employees whose statement the scope may open in a period, by part of the name or the
-- start of the NIP ($search, empty: all).
select v.nip, e.full_name, u.unit_name, v.tukin_potential_idr, v.tukin_net_idr
from visible_months as v
left join dim_employee as e on e.nip = v.nip
left join dim_org_unit as u on u.unit_id = v.unit_id
where v.period = $period
    and (
        $search = ''
        or contains(lower(coalesce(e.full_name, '')), lower($search))
        or starts_with(v.nip, $search)
    )
order by e.full_name, v.nip
limit $limit
