-- Quality (mirrors Migrations/Sqlite/0002): one profile per ingest run or on-demand request; one rule file per dataset.
CREATE TABLE quality_profiles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_no   bigint NOT NULL REFERENCES datasets(no),
    run_id       bigint,
    trigger      text NOT NULL,
    profiled_at  timestamptz NOT NULL,
    row_count    bigint NOT NULL,
    score        double precision,
    profile_json jsonb NOT NULL
);
CREATE INDEX quality_profiles_by_dataset ON quality_profiles(dataset_no, id);

CREATE TABLE quality_rules (
    dataset_no bigint PRIMARY KEY REFERENCES datasets(no),
    rules_json text NOT NULL,
    updated_at timestamptz NOT NULL
);
