select unit_id, unit_name, depth, path
from scope_tops
order by path
