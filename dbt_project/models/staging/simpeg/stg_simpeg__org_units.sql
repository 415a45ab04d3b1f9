-- Grain: one row per org unit. Source: SIMPEG org_unit.
select
    unit_id,
    parent_unit_id,
    unit_name,
    echelon,
    unit_kind,
    timezone,
    province,
    active,
    updated_at
from {{ source('simpeg', 'org_unit') }}
