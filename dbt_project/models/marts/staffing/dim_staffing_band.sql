-- Grain: one row per band kind (PJ, VERDICT) per code per validity of the rule set in force (R6,
-- PermenPAN-RB 1/2020): the EJ thresholds fct_staffing_adequacy applies (macro eperf.staffing_band),
-- published so the dashboards' what-if classifies a changed EJ with the same rows.
select
    cast(band_kind as string) as band_kind,
    cast(code as string) as code,
    cast(min_ej as decimal(18, 4)) as min_ej,
    cast(min_inclusive as boolean) as min_inclusive,
    cast(max_ej as decimal(18, 4)) as max_ej,
    cast(max_inclusive as boolean) as max_inclusive,
    cast(effective_from as date) as effective_from,
    cast(effective_to as date) as effective_to,
    cast(legal_basis as string) as legal_basis,
    cast(rule_set as string) as rule_set
from {{ eperf.policy_rows('policy_staffing_bands') }} b
