-- Grain: one row per policy parameter per validity of the rule set in force: the values the
-- engine reads through eperf.policy_parameter (R2-R12), with the regulation each rests on,
-- published so a page draws a rule's line (e.g. the R3 daily target and cap) from the row the
-- engine used instead of a copy.
select
    cast(parameter as string) as parameter,
    cast(value as decimal(18, 4)) as value,
    cast(unit as string) as unit,
    cast(effective_from as date) as effective_from,
    cast(effective_to as date) as effective_to,
    cast(rule_id as string) as rule_id,
    cast(legal_basis as string) as legal_basis,
    cast(rule_set as string) as rule_set
from {{ eperf.policy_rows('policy_parameters') }} p
