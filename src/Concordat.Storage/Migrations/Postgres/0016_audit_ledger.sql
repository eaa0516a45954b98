-- The audit ledger in PostgreSQL (docs/adr/0014 and 0016): one gap-free sequence of encoded entries shared by every
-- hub node, the subject keys that index them, and the signed checkpoints. entry holds the canonical bytes
-- (AuditEntryCodec); leaf_hash = SHA-256(0x00 || entry), stored at append time so `concordat audit verify` pins a later
-- edit of entry to its row. Appends take a transaction advisory lock and check the size first (PostgresAuditLedger),
-- so two nodes never store an entry at the same index; the trigger below refuses a gap even from a writer that skips
-- the lock.
CREATE TABLE audit_entries (
    idx       bigint PRIMARY KEY CHECK (idx >= 0),
    entry     bytea NOT NULL,
    leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32)
);

-- Keyed subject keys of the people an entry touched, so the citizen view finds their entries without raw identifiers.
CREATE TABLE audit_subjects (
    subject_key bytea NOT NULL CHECK (length(subject_key) = 32),
    idx         bigint NOT NULL REFERENCES audit_entries(idx),
    PRIMARY KEY (subject_key, idx)
);

-- Signed checkpoints. time is kept as the ISO 8601 text the engine signed ("O" format), so it reads back to the tick;
-- timestamptz would cut it to the microsecond and break the signature over the checkpoint body.
CREATE TABLE audit_checkpoints (
    tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
    origin    text NOT NULL,
    root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
    time      text NOT NULL,
    key_id    text NOT NULL,
    signature bytea NOT NULL
);

-- Append-only: no gaps, no updates, no deletes, no truncation. A superuser can drop these triggers, which is why the log
-- is also a Merkle tree with signed checkpoints; they stop accidents and the application's own bugs.
CREATE FUNCTION audit_entries_contiguous() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.idx <> COALESCE((SELECT max(idx) + 1 FROM audit_entries), 0) THEN
        RAISE EXCEPTION 'audit_entries is append-only: the index must follow the last entry';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

CREATE TRIGGER audit_entries_contiguous BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_contiguous();
CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_subjects_no_change BEFORE UPDATE OR DELETE ON audit_subjects FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_subjects_no_truncate BEFORE TRUNCATE ON audit_subjects FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
