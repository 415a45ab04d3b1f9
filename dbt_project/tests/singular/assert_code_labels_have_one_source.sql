-- One source per label: a code whose label a policy seed carries (int_code_labels_collected's
-- label_source) has no label of its own in seeds/labels/code_labels.csv. Reported with the
-- collected labels' tests in Dagster.
{{ config(meta={'dagster': {'ref': {'name': 'int_code_labels_collected'}}}) }}
select
    w.code_kind,
    w.code,
    l.label_source
from {{ ref('code_labels') }} w
inner join {{ ref('int_code_labels_collected') }} l
    on l.code_kind = w.code_kind
    and l.code = w.code
where l.label_source <> 'code_labels'
    and w.label_id is not null
