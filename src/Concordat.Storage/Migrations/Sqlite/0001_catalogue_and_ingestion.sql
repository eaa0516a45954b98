-- Catalogue: organisations, datasets (schema as Frictionless Table Schema JSON), schema history, sources.
CREATE TABLE organisations (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    homepage      TEXT,
    contact_email TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE datasets (
    no              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    title           TEXT NOT NULL,
    description     TEXT,
    keywords        TEXT NOT NULL DEFAULT '[]',
    schema_json     TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX datasets_by_organisation ON datasets(organisation_id, id);

CREATE TABLE dataset_schema_versions (
    dataset_no  INTEGER NOT NULL REFERENCES datasets(no),
    version     INTEGER NOT NULL,
    schema_json TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (dataset_no, version)
) WITHOUT ROWID;

CREATE TABLE sources (
    dataset_no   INTEGER NOT NULL REFERENCES datasets(no),
    name         TEXT NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (dataset_no, name)
) WITHOUT ROWID;

-- API clients: secrets only as salted hashes.
CREATE TABLE api_clients (
    client_id       TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    name            TEXT NOT NULL,
    roles           INTEGER NOT NULL,
    secret_salt     BLOB NOT NULL,
    secret_hash     BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    disabled_at     TEXT
);

-- Ingestion: one row per run, written in the same transaction as the run's records.
CREATE TABLE ingest_runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_no        INTEGER NOT NULL REFERENCES datasets(no),
    source_name       TEXT NOT NULL,
    format            TEXT NOT NULL,
    mode              TEXT NOT NULL,
    status            TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT NOT NULL,
    started_by        TEXT,
    rows_read         INTEGER NOT NULL,
    rows_loaded       INTEGER NOT NULL,
    rows_quarantined  INTEGER NOT NULL,
    versions_created  INTEGER NOT NULL,
    records_unchanged INTEGER NOT NULL,
    tombstones        INTEGER NOT NULL,
    source_sha256     TEXT,
    error             TEXT
);
CREATE INDEX ingest_runs_by_dataset ON ingest_runs(dataset_no, id);

-- Every version of every record; history is never rewritten. A record's current version is its highest one,
-- found by a seek on the primary key, so no separate table of current versions has to be kept in step.
CREATE TABLE record_versions (
    dataset_no   INTEGER NOT NULL,
    record_key   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    run_id       INTEGER NOT NULL,
    is_deleted   INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    content_hash BLOB NOT NULL,
    PRIMARY KEY (dataset_no, record_key, version)
) WITHOUT ROWID;

CREATE TABLE quarantine (
    run_id      INTEGER NOT NULL,
    row_number  INTEGER NOT NULL,
    values_json TEXT NOT NULL,
    reasons     TEXT NOT NULL,
    PRIMARY KEY (run_id, row_number)
) WITHOUT ROWID;
