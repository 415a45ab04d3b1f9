-- Grain: one row per unit subtree per period per indicator (R9). The rule is computed in
-- int_rb_indicators_measured; this is its published projection.
select
    period,
    unit_id,
    indicator_code,
    indicator_group,
    indicator_name_id,
    value,
    numerator,
    denominator,
    formula,
    legal_basis,
    rule_set
from {{ ref('int_rb_indicators_measured') }}
