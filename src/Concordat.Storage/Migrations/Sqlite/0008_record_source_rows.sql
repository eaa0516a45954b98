-- The source row each version was loaded from (1-based: a CSV line, a JSON line, an XML record, a table row), so a
-- later duplicate of a key in the same run can name the row that won. Null for tombstones and for versions written
-- before this migration. Adding a nullable column rewrites nothing in SQLite.
ALTER TABLE record_versions ADD COLUMN source_row INTEGER;
