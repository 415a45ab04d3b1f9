-- The review queue of each supervisor of the subtree of $unit_id in $period (fct_review_backlog),
-- for readers of personal data: reports waiting, the oldest one's age, the median review time and
-- the share reviewed within the policy's target. The longest wait comes first; at most $limit
-- rows.
select
    b.reviewer_nip,
    e.full_name as reviewer_name,
    u.unit_name,
    b.reports_submitted,
    b.reports_pending,
    b.oldest_pending_days,
    b.median_review_days::double as median_review_days,
    b.review_target_days,
    b.reviewed_within_target_pct::double as reviewed_within_target_pct
from fct_review_backlog as b
inner join scope_subtree($unit_id) as u on u.unit_id = b.unit_id
left join dim_employee as e on e.nip = b.reviewer_nip
where getvariable('may_see_personal') and b.period = $period
order by b.oldest_pending_days desc nulls last, b.reports_pending desc, b.reviewer_nip
limit $limit
