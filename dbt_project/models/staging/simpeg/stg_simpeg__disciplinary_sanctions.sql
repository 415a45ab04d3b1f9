-- Grain: one row per disciplinary sanction. Source: SIMPEG disciplinary_sanction.
select
    sanction_id,
    nip,
    upper(sanction_type) as sanction_type,
    start_date,
    end_date,
    decree_number,
    updated_at
from {{ source('simpeg', 'disciplinary_sanction') }}
