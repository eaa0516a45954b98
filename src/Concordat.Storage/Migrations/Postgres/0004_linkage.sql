-- Linkage (mirrors Migrations/Sqlite/0004): resolved persons, which records belong to them, the clerical review queue.
CREATE TABLE persons (
    person_id    text COLLATE "C" PRIMARY KEY,
    golden       text NOT NULL,      -- JSON: field -> value and field -> source record
    record_count integer NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE person_records (
    dataset_id text COLLATE "C" NOT NULL,
    record_key text COLLATE "C" NOT NULL,
    person_id  text COLLATE "C" NOT NULL REFERENCES persons(person_id),
    PRIMARY KEY (dataset_id, record_key)
);
CREATE INDEX person_records_by_person ON person_records(person_id, dataset_id, record_key);

CREATE TABLE link_reviews (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    left_dataset      text COLLATE "C" NOT NULL,
    left_key          text COLLATE "C" NOT NULL,
    right_dataset     text COLLATE "C" NOT NULL,
    right_key         text COLLATE "C" NOT NULL,
    match_weight      double precision NOT NULL,
    match_probability double precision NOT NULL,
    explanation       text,
    status            text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at        timestamptz NOT NULL,
    decided_by        text,
    decided_at        timestamptz,
    UNIQUE (left_dataset, left_key, right_dataset, right_key)
);
CREATE INDEX link_reviews_by_status ON link_reviews(status, id);
