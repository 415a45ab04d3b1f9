-- The latest rows of each check suite (the release holds only those; the qualify keeps older
-- files right), for a scope that may see the data-quality pages.
create temp view latest_check_results as
select r.*
from check_results as r
where getvariable('may_see_quality')
qualify r.validated_at = max(r.validated_at) over (partition by r.suite);
