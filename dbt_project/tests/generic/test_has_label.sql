{#- Every code in the column has a label in dim_code_label, so no code reaches a page without
    words. code_kind: the kind, or a list of kinds any of which may label the code (the code of
    a tukin line is an attendance, leave or sanction code, or a line's own). separator: the
    column holds a list of codes ('A,B'), each checked. A label row with is_family labels every
    code '<code>_<suffix>' (PREDIKAT_TAHUN_2024). Nulls pass; each failing code is one row. -#}
{% test has_label(model, column_name, code_kind, separator=none) %}
{%- set kinds = [code_kind] if code_kind is string else code_kind %}
with codes as (
    {%- if separator %}
    select distinct trim(code) as code
    from (
        select {{ eperf.split_to_rows(column_name, separator, 'code') }}
        from {{ model }}
        where {{ column_name }} is not null
    ) listed
    {%- else %}
    select distinct {{ column_name }} as code
    from {{ model }}
    where {{ column_name }} is not null
    {%- endif %}
),

labels as (
    select code, is_family
    from {{ ref('dim_code_label') }}
    where code_kind in ('{{ kinds | join("', '") }}')
)

select c.code
from codes c
where not exists (
    select 1
    from labels l
    where l.code = c.code
        or (l.is_family and substr(c.code, 1, length(l.code) + 1) = l.code || '_')
)
{% endtest %}
