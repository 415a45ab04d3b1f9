-- The rows a reader of the serving copy may see, as temporary views and macros on its DuckDB
-- connection (eperf.scoping). Deny by default: with no unit and not every unit, scope_units is
-- empty, and visible_months holds only the reader's own NIP (none without one).
--
-- Set by eperf.scoping before this runs: the views dim_org_unit and fct_employee_monthly, and the
-- variables scope_unit_id, all_units, scope_nip, may_see_personal.

-- A unit path lies in the subtree of root_path: '/' ends each path step, so unit "A" never
-- matches "AB/...".
create temp macro in_subtree(unit_path, root_path) as
    unit_path = root_path or starts_with(unit_path, root_path || '/');

-- The reader's unit and everything below it; every unit for a reader of the whole ministry.
create temp view scope_units as
select
    u.unit_id,
    u.parent_unit_id,
    u.unit_name,
    u.echelon,
    u.depth,
    u.path,
    u.eselon1_unit_id,
    u.eselon1_unit_name
from dim_org_unit as u
where coalesce(getvariable('all_units'), false)
    or exists (
        select 1 from dim_org_unit as r
        where r.unit_id = getvariable('scope_unit_id') and in_subtree(u.path, r.path)
    );

-- The top units of the scope: those whose parent is outside it.
create temp view scope_tops as
select s.*
from scope_units as s
where s.parent_unit_id is null
    or s.parent_unit_id not in (select unit_id from scope_units);

-- The units of the subtree of root_unit_id inside the scope (none when it is outside).
create temp macro scope_subtree(root_unit_id) as table
select s.*
from scope_units as s
inner join scope_units as t on t.unit_id = root_unit_id
where in_subtree(s.path, t.path);

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
