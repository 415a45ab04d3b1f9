-- Grain: one row per employee (NIP). Source: SIMPEG employee. Personal data: full_name, birth_date.
select
    nip,
    full_name,
    sex,
    birth_date,
    upper(employment_status) as employment_status,
    rank_grade,
    rank_since,
    hire_date,
    exit_date,
    updated_at
from {{ source('simpeg', 'employee') }}
