-- The employees of one cell of the R12 grid in the subtree of $unit_id: personal data.
select
    m.nip,
    e.full_name,
    u.unit_name,
    m.avg_capaian_pct::double as avg_capaian_pct,
    m.recommendations
from fct_development_map as m
inner join scope_subtree($unit_id) as u on u.unit_id = m.unit_id
left join dim_employee as e on e.nip = m.nip
where getvariable('may_see_personal')
    and m.period = $period
    and m.performance_axis = $performance_axis
    and m.behaviour_axis = $behaviour_axis
order by e.full_name, m.nip
