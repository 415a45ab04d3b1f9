-- Small-group suppression, the one mechanism every aggregate query uses. For an aggregate-only
-- role a group (unit, subtree, scope) with fewer employees than access.SMALL_GROUP_MIN_EMPLOYEES
-- shows who it is and its size only: every other figure of it is null, so none can be traced to
-- a person. The variable min_group_size is that minimum for such a role, 0 for every other.

create temp macro suppressed(group_size) as
    coalesce(group_size, 0) < getvariable('min_group_size');

create temp macro shown(figure, group_size) as
    case when not suppressed(group_size) then figure end;

-- The size of each unit of the scope in each period, of its direct members (DIRECT) or of its
-- whole subtree (SUBTREE): what suppression is judged on.
create temp view unit_heads as
select f.unit_id, f.period, f.scope, f.headcount
from fct_unit_monthly as f
where f.unit_id in (select unit_id from scope_units);

-- The headcount of a unit's whole subtree in a period (null when it has none): the size a group
-- inside it is judged against, and the parent a child's complement is taken from.
create temp macro subtree_headcount(of_unit, in_period) as (
    select max(h.headcount)
    from unit_heads as h
    where h.unit_id = of_unit and h.period = in_period and h.scope = 'SUBTREE'
);
