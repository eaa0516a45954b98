-- Linkage (issue 4): resolved persons, which records belong to them, and the clerical review queue.
-- Records are named by dataset id and record key, so persons span organisations without joining their tables.
CREATE TABLE persons (
    person_id    TEXT PRIMARY KEY,
    golden       TEXT NOT NULL,      -- JSON: field -> value and field -> source record
    record_count INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE person_records (
    dataset_id TEXT NOT NULL,
    record_key TEXT NOT NULL,
    person_id  TEXT NOT NULL REFERENCES persons(person_id),
    PRIMARY KEY (dataset_id, record_key)
) WITHOUT ROWID;

CREATE INDEX person_records_by_person ON person_records(person_id);

CREATE TABLE link_reviews (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    left_dataset      TEXT NOT NULL,
    left_key          TEXT NOT NULL,
    right_dataset     TEXT NOT NULL,
    right_key         TEXT NOT NULL,
    match_weight      REAL NOT NULL,
    match_probability REAL NOT NULL,
    explanation       TEXT,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at        TEXT NOT NULL,
    decided_by        TEXT,
    decided_at        TEXT,
    UNIQUE (left_dataset, left_key, right_dataset, right_key)
);

CREATE INDEX link_reviews_by_status ON link_reviews(status, id);
