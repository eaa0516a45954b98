-- Change subscriptions (docs/api.md "Subscriptions and webhooks"): the signing secret only sealed under the master key.
CREATE TABLE subscriptions (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    agreement_id    TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    dataset_id      TEXT NOT NULL,
    events          TEXT NOT NULL,
    callback_url    TEXT NOT NULL,
    fields          TEXT NOT NULL,
    sealed_secret   BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    after_run_id    INTEGER NOT NULL -- the newest ingest run when it was created; only later runs notify it
);
CREATE INDEX subscriptions_by_organisation ON subscriptions(organisation_id, created_at);
CREATE INDEX subscriptions_by_dataset ON subscriptions(dataset_id);

-- The webhook outbox: one row per notification, written durably before delivery; body dropped once finished.
CREATE TABLE webhook_deliveries (
    no               INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    event_type       TEXT NOT NULL,
    occurred_at      TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT NOT NULL,
    body             TEXT NOT NULL,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TEXT,
    audit_index      INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, no);

-- Finding the records one run wrote (for notifications) without scanning the dataset's whole history.
CREATE INDEX record_versions_by_run ON record_versions(dataset_no, run_id);

-- The last ingest run whose notifications were queued. Runs after it (from the hub, the CLI, or left by a crash
-- between commit and queueing) are picked up by the dispatcher; history before installation is not notified.
CREATE TABLE webhook_run_cursor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_run_id INTEGER NOT NULL
);
INSERT INTO webhook_run_cursor (id, last_run_id) SELECT 1, COALESCE(MAX(id), 0) FROM ingest_runs;
