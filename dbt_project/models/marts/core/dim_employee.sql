-- Grain: one row per employee (NIP). Personal data columns are tagged `personal_data` in the YAML;
-- dashboards show them only to roles allowed to see them.
select
    nip,
    full_name,
    sex,
    birth_date,
    employment_status,
    rank_grade,
    rank_since,
    hire_date,
    exit_date
from {{ ref('stg_simpeg__employees') }}
