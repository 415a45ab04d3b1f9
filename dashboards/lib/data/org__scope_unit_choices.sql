select unit_id, unit_name, depth, path
from scope_units
order by path
