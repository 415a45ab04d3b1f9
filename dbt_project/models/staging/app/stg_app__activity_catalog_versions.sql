-- Grain: one row per activity code per validity version. Source: e-Performance activity_catalog.
select
    activity_code,
    activity_name,
    standard_minutes,
    output_unit,
    rkakl_output_code,
    valid_from,
    coalesce(valid_to, date '9999-12-31') as valid_to,
    updated_at
from {{ source('app', 'activity_catalog') }}
