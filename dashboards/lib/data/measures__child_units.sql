-- Subtree measures of the children of $parent_unit_id (null: of the scope's top units); none
-- when $parent_unit_id is outside the scope.
select u.unit_id, u.unit_name, u.echelon, unnest(r5_measures(f))
from fct_unit_monthly as f
inner join scope_units as u on u.unit_id = f.unit_id
where f.scope = 'SUBTREE'
    and f.period = $period
    and (
        (
            u.parent_unit_id = $parent_unit_id
            and $parent_unit_id in (select unit_id from scope_units)
        )
        or ($parent_unit_id is null and u.parent_unit_id in (select unit_id from scope_tops))
    )
group by u.unit_id, u.unit_name, u.echelon
order by u.unit_name, u.unit_id
