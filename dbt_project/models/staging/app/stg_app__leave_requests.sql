-- Grain: one row per leave request (any status). Source: e-Performance leave_request.
select
    leave_id,
    nip,
    upper(leave_type) as leave_type,
    start_date,
    end_date,
    upper(status) as status,
    document_number,
    updated_at
from {{ source('app', 'leave_request') }}
