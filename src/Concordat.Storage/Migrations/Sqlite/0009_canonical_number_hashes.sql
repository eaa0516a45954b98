-- Numbers are now stored in their shortest form (211.00 and 211.0 both as 211) and a version's content hash is taken
-- over that canonical form. Versions written before kept numbers as they were written, with the hash of that text, so
-- the first load after the upgrade would have seen every record holding such a number as changed. This re-takes those
-- hashes over the canonical form; the payloads themselves are left exactly as they were loaded (history is never
-- rewritten). concordat_canonical_hash is registered by SqliteDatabase.Migrate (CanonicalValues in Core): it returns
-- the new hash, or NULL when the payload is already canonical. The GLOB only skips payloads that cannot hold a number
-- with trailing fraction zeros (a digit, a point, later a zero before a comma or the closing brace).
UPDATE record_versions
SET content_hash = concordat_canonical_hash(payload)
WHERE is_deleted = 0
  AND payload GLOB '*[0-9].*0[,}]*'
  AND concordat_canonical_hash(payload) IS NOT NULL;
