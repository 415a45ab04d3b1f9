-- Grain: one row per position assignment. Source: SIMPEG position_assignment.
-- end_date is inclusive; null means still in force.
select
    assignment_id,
    nip,
    unit_id,
    position_title,
    upper(position_kind) as position_kind,
    job_class,
    supervisor_nip,
    start_date,
    end_date,
    updated_at
from {{ source('simpeg', 'position_assignment') }}
