-- Grain: one row per employee per period. Source: e-Performance behaviour_rating.
select
    nip,
    period,
    upper(rating) as rating,
    rated_by,
    rated_at
from {{ source('app', 'behaviour_rating') }}
