-- The rows a reader of the serving copy may see, as temporary views and macros on its DuckDB
-- connection (eperf.scoping). Deny by default: with no unit and not every unit, scope_units is
-- empty.
--
-- Set by eperf.scoping before this runs: the view dim_org_unit and the variables scope_unit_id,
-- all_units, scope_nip, may_see_personal. scoping_months.sql follows where the connection reads
-- fct_employee_monthly.

-- A unit path lies in the subtree of root_path: '/' ends each path step, so unit "A" never
-- matches "AB/...".
create temp macro in_subtree(unit_path, root_path) as
    unit_path = root_path or starts_with(unit_path, root_path || '/');

-- The reader's unit and everything below it; every unit for a reader of the whole ministry.
create temp view scope_units as
select u.*
from dim_org_unit as u
where coalesce(getvariable('all_units'), false)
    or exists (
        select 1 from dim_org_unit as r
        where r.unit_id = getvariable('scope_unit_id') and in_subtree(u.path, r.path)
    );

-- The units of the subtree of root_unit_id inside the scope (none when it is outside).
create temp macro scope_subtree(root_unit_id) as table
select s.*
from scope_units as s
inner join scope_units as t on t.unit_id = root_unit_id
where in_subtree(s.path, t.path);
