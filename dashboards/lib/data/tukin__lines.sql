-- Every withheld-rupiah line of one employee-month (R4), when that month is visible.
select
    l.line_no,
    l.cause,
    l.code,
    l.work_date,
    l.pct::double as pct,
    l.amount_idr,
    l.balance_after_idr,
    l.rule_ref,
    l.description_id,
    l.legal_basis
from fct_tukin_lines as l
where l.nip = $nip
    and l.period = $period
    and exists (select 1 from visible_months as v where v.nip = $nip and v.period = $period)
order by l.line_no
