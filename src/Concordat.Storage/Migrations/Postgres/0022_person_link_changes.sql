-- Issue 14 (mirrors Migrations/Sqlite/0022): the feed of person link changes the in-memory match index follows.
-- Triggers write it; every resolution saves under the persons advisory lock, so sequence numbers follow commit order.
CREATE TABLE person_link_changes (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id text COLLATE "C" NOT NULL,
    record_key text COLLATE "C" NOT NULL
);

CREATE FUNCTION person_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.dataset_id, OLD.record_key) IS DISTINCT FROM (NEW.dataset_id, NEW.record_key)) THEN
        INSERT INTO person_link_changes (dataset_id, record_key) VALUES (OLD.dataset_id, OLD.record_key);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO person_link_changes (dataset_id, record_key) VALUES (NEW.dataset_id, NEW.record_key);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER person_records_changed AFTER INSERT OR DELETE ON person_records
    FOR EACH ROW EXECUTE FUNCTION person_records_changed();

CREATE TRIGGER person_records_moved AFTER UPDATE ON person_records
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION person_records_changed();

-- Old changes are pruned as resolutions save; a reader whose position is at or below `upto` has missed some and
-- must rebuild from the links themselves.
CREATE TABLE person_link_changes_pruned (
    id   integer PRIMARY KEY CHECK (id = 1),
    upto bigint NOT NULL
);
INSERT INTO person_link_changes_pruned (id, upto) VALUES (1, 0);
