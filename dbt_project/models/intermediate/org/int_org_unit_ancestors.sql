-- Grain: one row per org unit per ancestor, the unit itself included (distance 0) (R5).
-- The closure of the org tree, so a SUBTREE measure is a plain group-by on ancestor_unit_id.
-- Fixed-depth self-joins instead of a recursive CTE keep the SQL portable.
{%- set max_depth = 8 %}
with units as (
    select unit_id, parent_unit_id from {{ ref('stg_simpeg__org_units') }}
),

chains as (
    select
        u0.unit_id,
        {%- for i in range(max_depth) %}
        u{{ i }}.unit_id as a{{ i }}{{ "," if not loop.last }}
        {%- endfor %}
    from units u0
    {%- for i in range(1, max_depth) %}
    left join units u{{ i }} on u{{ i }}.unit_id = u{{ i - 1 }}.parent_unit_id
    {%- endfor %}
)

{% for i in range(max_depth) %}
select unit_id, a{{ i }} as ancestor_unit_id, {{ i }} as distance
from chains where a{{ i }} is not null
{{ "union all" if not loop.last }}
{% endfor %}
