{#- Helpers that render the Bahasa Indonesia explanation of a tukin line (fct_tukin_lines). -#}

{#- A date as '2 Januari 2025'. -#}
{% macro tanggal_id(d) -%}
    concat(
        cast(extract(day from {{ d }}) as string), ' ',
        case extract(month from {{ d }})
            {%- for name in ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] %}
            when {{ loop.index }} then '{{ name }}'
            {%- endfor %}
        end,
        ' ', cast(extract(year from {{ d }}) as string)
    )
{%- endmacro %}

{#- A decimal number with a decimal comma and no trailing zeros: 1.2500 -> '1,25', 5.0 -> '5'. -#}
{% macro angka_id(x, places=2) -%}
    replace({{ eperf.number_text(x, places) }}, '.', ',')
{%- endmacro %}
