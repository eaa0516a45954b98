-- Numbers are now stored in their shortest form (211.00 and 211.0 both as 211) and a version's content hash is taken
-- over that canonical form. This migration's data step runs in C# (PostgresDatabase.RehashCanonicalNumbers, after
-- this script in the same transaction): it re-takes the hash of versions whose payload holds a number written with
-- trailing fraction zeros, so the first load after the upgrade does not version every such record again. The
-- payloads are left exactly as they were loaded. The script itself has nothing to change.
SELECT 1;
