{#- Join clause for the policy_work_result_bands row (alias `wr`) whose capaian range holds
    `capaian` (min inclusive, max exclusive; a null capaian counts as 100), in force on `on_date`
    (R3). Used by the monthly and the annual rating so both apply the same bands. -#}
{% macro work_result_band_join(capaian, on_date) -%}
    left join (select * from {{ ref('policy_work_result_bands') }} where rule_set = '{{ var('rule_set') }}') wr
        on {{ eperf.in_force('wr', on_date) }}
        and coalesce({{ capaian }}, 100) >= coalesce(wr.min_capaian_pct, -1e9)
        and coalesce({{ capaian }}, 100) < coalesce(wr.max_capaian_pct, 1e18)
{%- endmacro %}

{#- Join clause for the PermenPAN-RB 6/2022 predicate matrix row (alias `pm`) of the ratings of
    alias `r`, in force on `on_date` (R3; the annual predicate of R8 uses the same matrix). -#}
{% macro predicate_matrix_join(on_date) -%}
    left join (select * from {{ ref('policy_predicate_matrix') }} where rule_set = '{{ var('rule_set') }}') pm
        on pm.work_result_rating = r.work_result_rating
        and pm.behaviour_rating = r.behaviour_rating
        and {{ eperf.in_force('pm', on_date) }}
{%- endmacro %}
