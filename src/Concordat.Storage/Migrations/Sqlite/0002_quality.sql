-- Quality: one profile per ingest run or on-demand request, kept so trends show; one rule file per dataset.
CREATE TABLE quality_profiles (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_no   INTEGER NOT NULL REFERENCES datasets(no),
    run_id       INTEGER,
    trigger      TEXT NOT NULL,
    profiled_at  TEXT NOT NULL,
    row_count    INTEGER NOT NULL,
    score        REAL,
    profile_json TEXT NOT NULL
);
CREATE INDEX quality_profiles_by_dataset ON quality_profiles(dataset_no, id);

CREATE TABLE quality_rules (
    dataset_no INTEGER PRIMARY KEY REFERENCES datasets(no),
    rules_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
