-- The latest result of each check suite: blocking or warning, passed, failed expectations.
select
    suite,
    any_value(source) as source,
    any_value(source_table) as source_table,
    bool_or(blocking) as blocking,
    bool_and(success) as success,
    count(expectation)::bigint as failed_expectations,
    max(element_count)::bigint as element_count,
    max(validated_at) as validated_at
from latest_check_results
group by suite
order by success, blocking desc, suite
