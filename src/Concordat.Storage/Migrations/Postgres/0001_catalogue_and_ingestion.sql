-- Catalogue and ingestion in PostgreSQL (mirrors Migrations/Sqlite/0001). Identifiers and record keys use the "C"
-- collation, so ordering and keyset paging compare code points exactly as SQLite's BINARY collation does, whatever
-- the server's locale; instants are timestamptz (kept to the microsecond).
CREATE TABLE organisations (
    id            text COLLATE "C" PRIMARY KEY,
    name          text NOT NULL,
    homepage      text,
    contact_email text,
    created_at    timestamptz NOT NULL
);

CREATE TABLE datasets (
    no              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text COLLATE "C" NOT NULL UNIQUE,
    organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
    title           text NOT NULL,
    description     text,
    keywords        text NOT NULL DEFAULT '[]',
    schema_json     text NOT NULL,
    schema_version  integer NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX datasets_by_organisation ON datasets(organisation_id, id);

CREATE TABLE dataset_schema_versions (
    dataset_no  bigint NOT NULL REFERENCES datasets(no),
    version     integer NOT NULL,
    schema_json text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (dataset_no, version)
);

CREATE TABLE sources (
    dataset_no   bigint NOT NULL REFERENCES datasets(no),
    name         text COLLATE "C" NOT NULL,
    mapping_json text NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (dataset_no, name)
);

-- API clients: secrets only as salted hashes.
CREATE TABLE api_clients (
    client_id       text COLLATE "C" PRIMARY KEY,
    organisation_id text COLLATE "C" NOT NULL REFERENCES organisations(id),
    name            text NOT NULL,
    roles           integer NOT NULL,
    secret_salt     bytea NOT NULL,
    secret_hash     bytea NOT NULL,
    created_at      timestamptz NOT NULL,
    disabled_at     timestamptz
);
CREATE INDEX api_clients_by_organisation ON api_clients(organisation_id, client_id);

-- Ingestion: one row per run, written in the same transaction as the run's records. Runs are written under one
-- advisory lock (see PostgresIngestStore), so run ids commit in order, as the change feed's cursor needs.
CREATE TABLE ingest_runs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_no        bigint NOT NULL REFERENCES datasets(no),
    source_name       text NOT NULL,
    format            text NOT NULL,
    mode              text NOT NULL,
    status            text NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz NOT NULL,
    started_by        text,
    rows_read         bigint NOT NULL,
    rows_loaded       bigint NOT NULL,
    rows_quarantined  bigint NOT NULL,
    versions_created  bigint NOT NULL,
    records_unchanged bigint NOT NULL,
    tombstones        bigint NOT NULL,
    source_sha256     text,
    error             text
);
CREATE INDEX ingest_runs_by_dataset ON ingest_runs(dataset_no, id);

-- Every version of every record; history is never rewritten. A record's current version is its highest one, found
-- by a backward seek on the primary key. payload is the canonical JSON text, kept byte for byte as ingestion wrote it.
CREATE TABLE record_versions (
    dataset_no   bigint NOT NULL,
    record_key   text COLLATE "C" NOT NULL,
    version      integer NOT NULL,
    run_id       bigint NOT NULL,
    is_deleted   boolean NOT NULL,
    payload      text NOT NULL,
    content_hash bytea NOT NULL,
    PRIMARY KEY (dataset_no, record_key, version)
);

CREATE TABLE quarantine (
    run_id      bigint NOT NULL,
    row_number  bigint NOT NULL,
    values_json text NOT NULL,
    reasons     text NOT NULL,
    PRIMARY KEY (run_id, row_number)
);
