select unit_id, parent_unit_id, unit_name, echelon, depth, path, eselon1_unit_name
from scope_units
where unit_id = $unit_id
