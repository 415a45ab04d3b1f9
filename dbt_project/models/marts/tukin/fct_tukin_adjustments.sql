-- Grain: one row per employee per closed period whose recomputed pay differs from what was
-- paid, placed in the first open period after it (R4). The rule is computed in
-- int_tukin_adjustments_placed; this is its published projection.
select
    nip,
    period,
    corrected_period,
    paid_net_idr,
    recomputed_net_idr,
    amount_idr,
    cause,
    description_id
from {{ ref('int_tukin_adjustments_placed') }}
