-- Grain: one row per code shown to people (code_kind, code): its label and one-sentence
-- description in Bahasa Indonesia and English (int_code_labels_collected).
select
    code_kind,
    code,
    label_id,
    label_en,
    description_id,
    description_en,
    is_family,
    label_source
from {{ ref('int_code_labels_collected') }}
