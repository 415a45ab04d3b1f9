-- Grain: one row per unit per scope per month of the 12 after the last period with data (R6).
-- The rule is computed in int_unit_months_projected; this is its published projection.
select
    unit_id,
    scope,
    months_ahead,
    period,
    known_exits,
    fte_projected,
    workload_minutes,
    ej_projected,
    verdict_projected
from {{ ref('int_unit_months_projected') }}
