{#- Rows of `relation` (with a unit_id) once per scope (R5): DIRECT under their own unit and
    SUBTREE under every ancestor (the unit included), as columns scope and scope_unit_id. One
    definition, so a roll-up means the same in every mart. -#}
{% macro scoped_by_unit(relation) -%}
    select 'DIRECT' as scope, m.unit_id as scope_unit_id, m.* from {{ relation }} m
    union all
    select 'SUBTREE', a.ancestor_unit_id, m.*
    from {{ relation }} m
    inner join {{ ref('int_org_unit_ancestors') }} a on a.unit_id = m.unit_id
{%- endmacro %}
