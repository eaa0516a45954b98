-- Change subscriptions and the webhook outbox (mirrors Migrations/Sqlite/0007). The audit log (0005 in SQLite) comes
-- with the shared audit engine's PostgreSQL ledger.
CREATE TABLE subscriptions (
    id              text COLLATE "C" PRIMARY KEY,
    client_id       text NOT NULL,
    organisation_id text COLLATE "C" NOT NULL,
    agreement_id    text NOT NULL,
    purpose         text NOT NULL,
    dataset_id      text COLLATE "C" NOT NULL,
    events          text NOT NULL,
    callback_url    text NOT NULL,
    fields          text NOT NULL,
    sealed_secret   bytea NOT NULL,
    created_at      timestamptz NOT NULL,
    after_run_id    bigint NOT NULL -- the newest ingest run when it was created; only later runs notify it
);
CREATE INDEX subscriptions_by_organisation ON subscriptions(organisation_id, created_at, id);
CREATE INDEX subscriptions_by_dataset ON subscriptions(dataset_id, after_run_id);

-- The webhook outbox: one row per notification, written durably before delivery; body dropped once finished.
CREATE TABLE webhook_deliveries (
    no               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text COLLATE "C" NOT NULL UNIQUE,
    subscription_id  text COLLATE "C" NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    event_type       text NOT NULL,
    occurred_at      timestamptz NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    body             text NOT NULL,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    audit_index      bigint NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at, no) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, no);

-- Finding the records one run wrote (for notifications) without scanning the dataset's whole history.
CREATE INDEX record_versions_by_run ON record_versions(dataset_no, run_id);

-- The last ingest run whose notifications were queued.
CREATE TABLE webhook_run_cursor (
    id          integer PRIMARY KEY CHECK (id = 1),
    last_run_id bigint NOT NULL
);
INSERT INTO webhook_run_cursor (id, last_run_id) SELECT 1, COALESCE(MAX(id), 0) FROM ingest_runs;
