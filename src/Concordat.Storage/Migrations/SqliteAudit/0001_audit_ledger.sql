-- The audit ledger's own database file (audit.db beside concordat.db; docs/adr/0015), so an audit append never waits
-- for the hub database's single writer lock (a long ingest holds it for its whole run, ADR 0001).
-- entry holds the canonical bytes (AuditEntryCodec, version byte first); leaf_hash = SHA-256(0x00 || entry),
-- stored at append time so a later edit of entry is pinned to its row by `concordat audit verify`.
CREATE TABLE audit_entries (
    idx       INTEGER PRIMARY KEY,
    entry     BLOB NOT NULL,
    leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32)
);

-- Keyed subject keys of the people an entry touched, so the citizen view finds their entries without raw identifiers.
CREATE TABLE audit_subjects (
    subject_key BLOB NOT NULL CHECK (length(subject_key) = 32),
    idx         INTEGER NOT NULL REFERENCES audit_entries(idx),
    PRIMARY KEY (subject_key, idx)
) WITHOUT ROWID;

-- Signed checkpoints: the tree size, root hash and time, signed with the hub's ECDSA P-256 key.
CREATE TABLE audit_checkpoints (
    tree_size INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
    time      TEXT NOT NULL,
    key_id    TEXT NOT NULL,
    signature BLOB NOT NULL
);

-- Where the log came from when it was moved out of concordat.db (one row, written in the same transaction as the
-- copied rows, so a move either happened whole or not at all).
CREATE TABLE audit_moved_in (
    source      TEXT NOT NULL,
    entries     INTEGER NOT NULL,
    checkpoints INTEGER NOT NULL,
    moved_at    TEXT NOT NULL
);

-- Append-only: no gaps, no updates, no deletes. Someone with the file can drop these triggers, which is why the
-- log is also a Merkle tree with signed checkpoints; the triggers stop accidents and the application's own bugs.
CREATE TRIGGER audit_entries_contiguous BEFORE INSERT ON audit_entries
WHEN NEW.idx IS NOT (SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries)
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: the index must follow the last entry'); END;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END;
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_moved_in_no_update BEFORE UPDATE ON audit_moved_in
BEGIN SELECT RAISE(ABORT, 'audit_moved_in is append-only'); END;
CREATE TRIGGER audit_moved_in_no_delete BEFORE DELETE ON audit_moved_in
BEGIN SELECT RAISE(ABORT, 'audit_moved_in is append-only'); END;
