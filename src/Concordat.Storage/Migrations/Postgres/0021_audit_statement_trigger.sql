-- The gap check on audit_entries once per statement rather than once per row (docs/adr/0017; issue 16 audit-append
-- benchmark). The row trigger of 0016 ran a PL/pgSQL function and a backward seek for every entry of a group-committed
-- batch of thousands; this trigger sees the statement's rows as a transition table and checks them together: they
-- are one run of consecutive indexes (the primary key makes them distinct, so count = max - min + 1 is enough), the
-- run starts right after the entry before it (or at 0), and nothing stands after it. The same inserts are refused as
-- before, a gap anywhere in the batch included; the statement fails whole.
DROP TRIGGER audit_entries_contiguous ON audit_entries;
DROP FUNCTION audit_entries_contiguous();

CREATE FUNCTION audit_entries_contiguous() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_idx bigint;
    last_idx  bigint;
    inserted  bigint;
BEGIN
    SELECT min(idx), max(idx), count(*) INTO first_idx, last_idx, inserted FROM new_entries;
    IF inserted = 0 THEN
        RETURN NULL;
    END IF;
    IF last_idx - first_idx + 1 <> inserted
       OR (first_idx > 0 AND NOT EXISTS (SELECT 1 FROM audit_entries WHERE idx = first_idx - 1))
       OR EXISTS (SELECT 1 FROM audit_entries WHERE idx > last_idx) THEN
        RAISE EXCEPTION 'audit_entries is append-only: the index must follow the last entry';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER audit_entries_contiguous AFTER INSERT ON audit_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_contiguous();

-- The subject keys' reference to their entry, checked the same way. The foreign key ran a referential check per row
-- that also took a share lock on the entry's row (a heap write and a WAL record per subject key), only to guard
-- against a delete that the append-only triggers refuse anyway; this check refuses the same inserts (a subject key of
-- an entry that does not exist), once per statement.
ALTER TABLE audit_subjects DROP CONSTRAINT audit_subjects_idx_fkey;

CREATE FUNCTION audit_subjects_of_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_subjects s WHERE NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.idx = s.idx)) THEN
        RAISE EXCEPTION 'audit_subjects: a subject key must belong to an entry of audit_entries';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER audit_subjects_of_entries AFTER INSERT ON audit_subjects
    REFERENCING NEW TABLE AS new_subjects FOR EACH STATEMENT EXECUTE FUNCTION audit_subjects_of_entries();
