-- R8 status and blocking-reason counts of the subtree of $parent_unit_id (group_kind PARENT)
-- and of each of its children's subtrees (CHILD); each employee's unit is that of their month.
-- PREDIKAT_TAHUN_<YYYY> counts as PREDIKAT_TAHUN. A small group is one row, suppressed.
with groups as (
    select g.unit_id, g.unit_name, g.path, 'PARENT' as group_kind
    from scope_units as g
    where g.unit_id = $parent_unit_id
    union all
    select g.unit_id, g.unit_name, g.path, 'CHILD' as group_kind
    from scope_units as g
    where g.parent_unit_id = $parent_unit_id
        and $parent_unit_id in (select unit_id from scope_units)
),

members as (
    select g.unit_id as group_id, p.nip, p.status, p.reasons
    from fct_promotion_eligibility as p
    inner join fct_employee_monthly as m on m.nip = p.nip and m.period = p.as_of_period
    inner join scope_units as u on u.unit_id = m.unit_id
    inner join groups as g on in_subtree(u.path, g.path)
    where p.as_of_period = $period
),

sizes as (
    select group_id, count(distinct nip) as employees
    from members
    group by group_id
),

codes as (
    select group_id, nip, 'STATUS' as code_kind, status as code
    from members
    union all
    select
        group_id,
        nip,
        'REASON' as code_kind,
        regexp_replace(trim(unnest(string_split(reasons, ','))), '_[0-9]{4}$', '') as code
    from members
    where reasons is not null and reasons <> ''
),

counted as (
    select group_id, code_kind, code, count(distinct nip) as n
    from codes
    group by all
)

select
    g.unit_id,
    g.unit_name,
    g.group_kind,
    s.employees::bigint as employees,
    suppressed(s.employees) as suppressed,
    c.code_kind,
    shown(c.code, s.employees) as code,
    sum(shown(c.n, s.employees))::bigint as n
from counted as c
inner join groups as g on g.unit_id = c.group_id
inner join sizes as s on s.group_id = c.group_id
group by all
order by g.group_kind desc, g.unit_name, c.code_kind, code
