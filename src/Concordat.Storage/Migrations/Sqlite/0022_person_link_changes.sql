-- Issue 14: the feed of person link changes the in-memory match index follows, so it catches up with a resolution
-- by reading what changed rather than every link. Triggers write it, so no code path that changes a link can forget
-- to. Sequence numbers follow commit order (one writer at a time).
CREATE TABLE person_link_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id TEXT NOT NULL,
    record_key TEXT NOT NULL
);

CREATE TRIGGER person_records_linked AFTER INSERT ON person_records
BEGIN
    INSERT INTO person_link_changes (dataset_id, record_key) VALUES (new.dataset_id, new.record_key);
END;

CREATE TRIGGER person_records_moved AFTER UPDATE ON person_records
WHEN old.person_id IS NOT new.person_id OR old.dataset_id IS NOT new.dataset_id OR old.record_key IS NOT new.record_key
BEGIN
    INSERT INTO person_link_changes (dataset_id, record_key)
        SELECT old.dataset_id, old.record_key WHERE old.dataset_id IS NOT new.dataset_id OR old.record_key IS NOT new.record_key;
    INSERT INTO person_link_changes (dataset_id, record_key) VALUES (new.dataset_id, new.record_key);
END;

CREATE TRIGGER person_records_unlinked AFTER DELETE ON person_records
BEGIN
    INSERT INTO person_link_changes (dataset_id, record_key) VALUES (old.dataset_id, old.record_key);
END;

-- Old changes are pruned as resolutions save; a reader whose position is at or below `upto` has missed some and
-- must rebuild from the links themselves.
CREATE TABLE person_link_changes_pruned (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO person_link_changes_pruned (id, upto) VALUES (1, 0);
