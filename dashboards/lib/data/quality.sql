-- Terms of the data-quality queries, shared by them (they read no mart, so every connection may
-- carry them).

-- A row is still held until it is resolved (older files have no is_active).
create temp macro quarantine_held(is_active, resolved_at) as
    coalesce(is_active, resolved_at is null);

-- The source table of a quarantined object: device export files are quarantined under their
-- file name ("<device>/<file>"); they are all rows of one table, the device export, as in the
-- load log.
create temp macro quarantine_table(source_object, device_export) as
    case when contains(source_object, '/') then device_export else source_object end;
