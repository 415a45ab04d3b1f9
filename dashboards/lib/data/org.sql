-- The top units of the scope (eperf.scoping's scope_units): those whose parent is outside it,
-- the ministry root for a reader of every unit.
create temp view scope_tops as
select s.*
from scope_units as s
where s.parent_unit_id is null
    or s.parent_unit_id not in (select unit_id from scope_units);
