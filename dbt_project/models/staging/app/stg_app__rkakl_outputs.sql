-- Grain: one row per RKAKL output per fiscal year. Source: e-Performance rkakl_output.
select
    output_code,
    fiscal_year,
    unit_id,
    output_name,
    target_volume,
    output_unit,
    budget_idr
from {{ source('app', 'rkakl_output') }}
