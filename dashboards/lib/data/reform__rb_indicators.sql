-- Every R9 indicator of every unit subtree of the scope in a period, with the subtree headcount;
-- the columns of eperf.export.load_indicators plus unit path and depth.
select
    i.period,
    i.unit_id,
    i.indicator_code,
    i.indicator_group,
    i.indicator_name_id,
    shown(i.value, h.headcount) as value,
    shown(i.numerator, h.headcount) as numerator,
    shown(i.denominator, h.headcount) as denominator,
    i.formula,
    i.legal_basis,
    i.rule_set,
    u.unit_name,
    u.path,
    u.depth,
    u.parent_unit_id,
    h.headcount::bigint as headcount,
    suppressed(h.headcount) as suppressed
from rpt_rb_indicators as i
inner join scope_units as u on u.unit_id = i.unit_id
left join unit_heads as h
    on h.unit_id = i.unit_id and h.period = i.period and h.scope = 'SUBTREE'
where i.period = $period
order by u.path, i.indicator_code
