{#- Schemas are the layer names themselves (staging, intermediate, marts, policy), not
    <target>_<layer>: the marts contract names `marts.<model>` (docs/marts.md). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
