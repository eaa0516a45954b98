-- Governance (mirrors Migrations/Sqlite/0003): agreements, their history, sealed pseudonymisation keys, consent.
CREATE TABLE agreements (
    id                        text COLLATE "C" PRIMARY KEY,
    version                   integer NOT NULL,
    revision                  integer NOT NULL,
    status                    text NOT NULL,
    provider_organisation_id  text COLLATE "C" NOT NULL REFERENCES organisations(id),
    consumer_organisation_id  text COLLATE "C" NOT NULL REFERENCES organisations(id),
    terms_json                text NOT NULL,
    approvals_json            text NOT NULL DEFAULT '[]',
    drafted_by                text NOT NULL,
    submitted_by              text,
    status_reason             text,
    pseudonym_key_id          text,
    last_approved_version     integer,
    start_date                date NOT NULL,
    end_date                  date NOT NULL,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL
);
CREATE INDEX agreements_by_provider ON agreements(provider_organisation_id, id);
CREATE INDEX agreements_by_consumer ON agreements(consumer_organisation_id, id);

-- Every change: who, when, why, and the terms of the version it left. Append-only.
CREATE TABLE agreement_history (
    agreement_id     text COLLATE "C" NOT NULL REFERENCES agreements(id),
    revision         integer NOT NULL,
    version          integer NOT NULL,
    action           text NOT NULL,
    actor_client_id  text NOT NULL,
    actor_org_id     text NOT NULL,
    at               timestamptz NOT NULL,
    reason           text NOT NULL,
    status_after     text NOT NULL,
    approval_role    text,
    terms_json       text NOT NULL,
    PRIMARY KEY (agreement_id, revision)
);

CREATE FUNCTION concordat_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER agreement_history_append_only BEFORE UPDATE OR DELETE ON agreement_history
FOR EACH ROW EXECUTE FUNCTION concordat_refuse_change();
CREATE TRIGGER agreement_history_no_truncate BEFORE TRUNCATE ON agreement_history
FOR EACH STATEMENT EXECUTE FUNCTION concordat_refuse_change();

-- Pseudonymisation keys sealed under the master key (AES-256-GCM, purpose concordat/pseudonym/<key id>).
CREATE TABLE pseudonym_keys (
    key_id        text COLLATE "C" PRIMARY KEY,
    agreement_id  text COLLATE "C" NOT NULL REFERENCES agreements(id),
    version       integer NOT NULL,
    sealed_key    bytea NOT NULL,
    created_at    timestamptz NOT NULL,
    retired_at    timestamptz,
    UNIQUE (agreement_id, version)
);

-- Consent where the lawful basis is consent: one row per grant; a withdrawal closes the row.
CREATE TABLE consent_records (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id  text COLLATE "C" NOT NULL REFERENCES agreements(id),
    subject_id    text COLLATE "C" NOT NULL,
    given_at      timestamptz NOT NULL,
    withdrawn_at  timestamptz,
    recorded_by   text NOT NULL
);
CREATE INDEX consent_by_subject ON consent_records(agreement_id, subject_id, id);
