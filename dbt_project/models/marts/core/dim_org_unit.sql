-- Grain: one row per org unit, with its path from the root, depth and eselon I ancestor (R5).
-- The tree is walked with a fixed number of self-joins (ministry -> eselon IV is 5 levels; 8 are
-- allowed) instead of a recursive CTE, so the same SQL runs on engines without recursion.
{%- set max_depth = 8 %}
with units as (
    select * from {{ ref('stg_simpeg__org_units') }}
),

ancestors as (
    select
        u0.unit_id,
        {%- for i in range(max_depth) %}
        u{{ i }}.unit_id as a{{ i }}_id,
        u{{ i }}.unit_name as a{{ i }}_name{{ "," if not loop.last }}
        {%- endfor %}
    from units u0
    {%- for i in range(1, max_depth) %}
    left join units u{{ i }} on u{{ i }}.unit_id = u{{ i - 1 }}.parent_unit_id
    {%- endfor %}
),

measured as (
    select
        unit_id,
        ({% for i in range(1, max_depth) %}case when a{{ i }}_id is not null then 1 else 0 end{{ " + " if not loop.last }}{% endfor %}) as depth, -- noqa: LT05
        {%- for i in range(max_depth) %}
        a{{ i }}_id, a{{ i }}_name{{ "," if not loop.last }}
        {%- endfor %}
    from ancestors
),

pathed as (
    select
        unit_id,
        depth,
        -- path from the root: the ancestors in reverse order, joined with '/'
        concat_ws('/', {% for i in range(max_depth - 1, -1, -1) %}a{{ i }}_id{{ ", " if not loop.last }}{% endfor %}) as path, -- noqa: LT05
        -- the eselon I ancestor is the one at depth 1, i.e. (depth - 1) steps up
        case depth
            {%- for d in range(1, max_depth) %}
            when {{ d }} then a{{ d - 1 }}_id
            {%- endfor %}
        end as eselon1_unit_id,
        case depth
            {%- for d in range(1, max_depth) %}
            when {{ d }} then a{{ d - 1 }}_name
            {%- endfor %}
        end as eselon1_unit_name
    from measured
)

select
    u.unit_id,
    u.parent_unit_id,
    u.unit_name,
    u.echelon,
    u.unit_kind,
    u.timezone,
    u.province,
    u.active,
    p.depth,
    p.path,
    p.eselon1_unit_id,
    p.eselon1_unit_name
from units u
inner join pathed p on p.unit_id = u.unit_id
