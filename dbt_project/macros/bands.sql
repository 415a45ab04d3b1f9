{#- Bands: a policy row holds a range of a measure and the code for it (TL/PSW minutes R2, work
    result capaian R3, leave days R4, staffing EJ R6, discipline days R7, unit predicate R9,
    development axes R12). One predicate decides whether a value falls in a band, with one
    convention: a null bound is open, and each bound is inclusive or exclusive as the caller says
    (a seed's min_inclusive / max_inclusive column, or true / false where the seed's rule fixes it:
    whole-number bands such as minutes and days include both ends, percentage bands include their
    lower end only). A null value falls in no band that has a bound. -#}
{% macro in_band(value, lower, upper, lower_inclusive=true, upper_inclusive=true) -%}
    (({{ lower }} is null or {{ value }} > {{ lower }}
        {%- if lower_inclusive is not false %} or ({{ lower_inclusive ~ ' and ' if lower_inclusive is not true }}{{ value }} = {{ lower }}){% endif %})
    and ({{ upper }} is null or {{ value }} < {{ upper }}
        {%- if upper_inclusive is not false %} or ({{ upper_inclusive ~ ' and ' if upper_inclusive is not true }}{{ value }} = {{ upper }}){% endif %}))
{%- endmacro %}

{#- The code of the policy_staffing_bands row of `band_kind` whose EJ range holds `ej_expr`, in
    force on `on_date` (R6). Bounds carry their own inclusivity, so A (> 1.00) and B (0.90-1.00)
    meet exactly at 1.00. -#}
{% macro staffing_band(band_kind, ej_expr, on_date) -%}
    (select {{ eperf.single_value('b.code') }} from {{ eperf.policy_rows('policy_staffing_bands') }} b
     where b.band_kind = '{{ band_kind }}'
       and {{ eperf.in_force('b', on_date) }}
       and {{ eperf.in_band(ej_expr, 'b.min_ej', 'b.max_ej', 'b.min_inclusive', 'b.max_inclusive') }})
{%- endmacro %}

{#- Join clause for the policy_work_result_bands row (alias `wr`) whose capaian range holds
    `capaian` (min inclusive, max exclusive; a null capaian counts as 100), in force on `on_date`
    (R3). Used by the monthly and the annual rating so both apply the same bands. -#}
{% macro work_result_band_join(capaian, on_date) -%}
    left join {{ eperf.policy_rows('policy_work_result_bands') }} wr
        on {{ eperf.in_force('wr', on_date) }}
        and {{ eperf.in_band('coalesce(' ~ capaian ~ ', 100)', 'wr.min_capaian_pct', 'wr.max_capaian_pct', true, false) }}
{%- endmacro %}

{#- Join clause for the PERFORMANCE band (alias `alias`) of policy_development_axes (R12) whose
    range holds `value`, in force on `on_date`; min_pct and max_pct carry their own inclusivity.
    The model defines the CTE `axes` (the rule set's rows of the seed). -#}
{% macro development_performance_join(alias, value, on_date) -%}
    left join axes {{ alias }}
        on {{ alias }}.axis = 'PERFORMANCE'
        and {{ eperf.in_force(alias, on_date) }}
        and {{ eperf.in_band(value, alias ~ '.min_pct', alias ~ '.max_pct', alias ~ '.min_inclusive', alias ~ '.max_inclusive') }}
{%- endmacro %}
