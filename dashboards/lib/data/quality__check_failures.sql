-- The failed expectations of the latest run of each suite; the sample of unexpected values may
-- hold personal data (NIPs): the data team only.
select
    suite,
    blocking,
    expectation,
    column_name,
    unexpected_count::bigint as unexpected_count,
    element_count::bigint as element_count,
    case when getvariable('may_see_quarantine_rows') then unexpected_sample end
        as unexpected_sample
from latest_check_results
where expectation is not null
order by blocking desc, suite, expectation, column_name
