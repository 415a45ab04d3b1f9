{#- The code of the policy_staffing_bands row of `band_kind` whose EJ range holds `ej_expr`, in
    force on `on_date` (R6). Bounds carry their own inclusivity, so A (> 1.00) and B (0.90-1.00)
    meet exactly at 1.00. -#}
{% macro staffing_band(band_kind, ej_expr, on_date) -%}
    (select {{ eperf.single_value('b.code') }} from {{ ref('policy_staffing_bands') }} b
     where b.rule_set = '{{ var('rule_set') }}' and b.band_kind = '{{ band_kind }}'
       and {{ eperf.in_force('b', on_date) }}
       and (b.min_ej is null or {{ ej_expr }} > b.min_ej or (b.min_inclusive and {{ ej_expr }} = b.min_ej))
       and (b.max_ej is null or {{ ej_expr }} < b.max_ej or (b.max_inclusive and {{ ej_expr }} = b.max_ej)))
{%- endmacro %}
