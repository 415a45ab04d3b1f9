-- Employees of the scope by capaian (R3) in bins of $bin_pct, the last bin ($top_bin_pct) open;
-- nothing for a small group.
with months as (
    select m.capaian_pct::double as capaian_pct
    from fct_employee_monthly as m
    where m.period = $period
        and m.capaian_pct is not null
        and m.unit_id in (select unit_id from scope_units)
)

select
    least(floor(capaian_pct / $bin_pct) * $bin_pct, $top_bin_pct)::integer as bin_start_pct,
    count(*)::bigint as employees
from months
where not suppressed((select count(*) from months))
group by bin_start_pct
order by bin_start_pct
