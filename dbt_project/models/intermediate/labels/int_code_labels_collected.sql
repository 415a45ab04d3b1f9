-- Grain: one row per code shown to people (code_kind, code) with its words in Bahasa Indonesia
-- and English. One source per label: where a policy seed of the rule set already names a code
-- (the TL/PSW/TK bands, R2; leave types, R3; sanctions, R4; RB indicators, R9; development
-- recommendations, R12) its label comes from that seed, from the row with the latest
-- effective_from; every other word comes from seeds/labels/code_labels.csv, which leaves those
-- labels empty (tests/singular/assert_code_labels_have_one_source.sql). A code a policy seed adds
-- without a row in code_labels.csv keeps its label but has no English or description, which the
-- mart's tests refuse.
-- A leave code is also a day status of fct_attendance_daily: kind `attendance` repeats the
-- `leave_type` rows. is_family: the row labels every code '<code>_<suffix>' too (the year of
-- PREDIKAT_TAHUN_2024, R8).
with words as (
    select * from {{ ref('code_labels') }}
),

policy_labels as (
    select
        'attendance' as code_kind,
        code,
        label_id,
        cast(null as string) as label_en,
        effective_from,
        'policy_attendance_bands' as label_source
    from {{ eperf.policy_rows('policy_attendance_bands') }} ab
    union all
    select
        'leave_type',
        leave_type,
        label_id,
        cast(null as string),
        effective_from,
        'policy_leave_factors'
    from {{ eperf.policy_rows('policy_leave_factors') }} lf
    union all
    select
        'sanction_type',
        sanction_type,
        label_id,
        cast(null as string),
        effective_from,
        'policy_sanction_cuts'
    from {{ eperf.policy_rows('policy_sanction_cuts') }} sc
    union all
    select
        'rb_indicator',
        indicator_code,
        indicator_name_id,
        indicator_name_en,
        effective_from,
        'policy_rb_indicators'
    from {{ eperf.policy_rows('policy_rb_indicators') }} rb
    union all
    select
        'recommendation',
        recommendation,
        label_id,
        cast(null as string),
        effective_from,
        'policy_development_recommendations'
    from {{ eperf.policy_rows('policy_development_recommendations') }} dr
),

latest_policy_labels as (
    select code_kind, code, label_id, label_en, label_source
    from (
        select
            p.*,
            row_number() over (
                partition by p.code_kind, p.code order by p.effective_from desc
            ) as recency
        from policy_labels p
    ) ranked
    where recency = 1
),

labelled as (
    select
        coalesce(w.code_kind, p.code_kind) as code_kind,
        coalesce(w.code, p.code) as code,
        coalesce(w.is_family, false) as is_family,
        case
            when p.code is not null then {{ eperf.capitalised('p.label_id') }} else w.label_id
        end as label_id,
        coalesce(p.label_en, w.label_en) as label_en,
        w.description_id,
        w.description_en,
        coalesce(p.label_source, 'code_labels') as label_source
    from words w
    full outer join latest_policy_labels p
        on p.code_kind = w.code_kind
        and p.code = w.code
)

select * from labelled
union all
select
    'attendance' as code_kind,
    code,
    is_family,
    label_id,
    label_en,
    description_id,
    description_en,
    label_source
from labelled
where code_kind = 'leave_type'
