-- The employee-months a reader of the serving copy may see (eperf.scoping), after scoping.sql.
-- Deny by default: without personal data, only the reader's own NIP (none without one).

-- Employee-months whose rows (NIP, name, per-person figures) the reader may see: those of the
-- scope's units when it may see personal data, and always the reader's own.
create temp view visible_months as
select m.*
from fct_employee_monthly as m
where (
    coalesce(getvariable('may_see_personal'), false)
    and m.unit_id in (select unit_id from scope_units)
)
or m.nip = getvariable('scope_nip');
