-- The source row each version was loaded from (1-based), as in the SQLite store (migration 0008 there): provenance,
-- and the same columns on every dialect. Null for tombstones and for versions written before this migration.
ALTER TABLE record_versions ADD COLUMN source_row bigint;
