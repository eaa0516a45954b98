-- Governance: data sharing agreements, their history, pseudonymisation keys (sealed) and consent records.
CREATE TABLE agreements (
    id                        TEXT PRIMARY KEY,
    version                   INTEGER NOT NULL,
    revision                  INTEGER NOT NULL,
    status                    TEXT NOT NULL,
    provider_organisation_id  TEXT NOT NULL REFERENCES organisations(id),
    consumer_organisation_id  TEXT NOT NULL REFERENCES organisations(id),
    terms_json                TEXT NOT NULL,
    approvals_json            TEXT NOT NULL DEFAULT '[]',
    drafted_by                TEXT NOT NULL,
    submitted_by              TEXT,
    status_reason             TEXT,
    pseudonym_key_id          TEXT,
    last_approved_version     INTEGER,
    start_date                TEXT NOT NULL,
    end_date                  TEXT NOT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
CREATE INDEX agreements_by_provider ON agreements(provider_organisation_id, id);
CREATE INDEX agreements_by_consumer ON agreements(consumer_organisation_id, id);

-- Every change: who, when, why, and the terms of the version it left. Append-only.
CREATE TABLE agreement_history (
    agreement_id     TEXT NOT NULL REFERENCES agreements(id),
    revision         INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    action           TEXT NOT NULL,
    actor_client_id  TEXT NOT NULL,
    actor_org_id     TEXT NOT NULL,
    at               TEXT NOT NULL,
    reason           TEXT NOT NULL,
    status_after     TEXT NOT NULL,
    approval_role    TEXT,
    terms_json       TEXT NOT NULL,
    PRIMARY KEY (agreement_id, revision)
) WITHOUT ROWID;

CREATE TRIGGER agreement_history_no_update BEFORE UPDATE ON agreement_history
BEGIN SELECT RAISE(ABORT, 'agreement history is append-only'); END;
CREATE TRIGGER agreement_history_no_delete BEFORE DELETE ON agreement_history
BEGIN SELECT RAISE(ABORT, 'agreement history is append-only'); END;

-- Pseudonymisation keys sealed under the master key (AES-256-GCM, purpose concordat/pseudonym/<key id>).
CREATE TABLE pseudonym_keys (
    key_id        TEXT PRIMARY KEY,
    agreement_id  TEXT NOT NULL REFERENCES agreements(id),
    version       INTEGER NOT NULL,
    sealed_key    BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    retired_at    TEXT,
    UNIQUE (agreement_id, version)
);

-- Consent where the lawful basis is consent: one row per grant; a withdrawal closes the row.
CREATE TABLE consent_records (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id  TEXT NOT NULL REFERENCES agreements(id),
    subject_id    TEXT NOT NULL,
    given_at      TEXT NOT NULL,
    withdrawn_at  TEXT,
    recorded_by   TEXT NOT NULL
);
CREATE INDEX consent_by_subject ON consent_records(agreement_id, subject_id, id);
