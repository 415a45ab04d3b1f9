-- The words for every code shown to people (one row per code kind and code).
select code_kind, code, label_id, label_en, description_id, description_en
from dim_code_label
order by code_kind, code
