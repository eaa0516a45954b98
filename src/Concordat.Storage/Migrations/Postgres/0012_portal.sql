-- The staff portal (mirrors Migrations/Sqlite/0012): working drafts of agreements, review decision reasons, the review
-- queue in order of uncertainty, the reviews that touch a record, and the linkage settings of the last resolution.
CREATE TABLE agreement_working_drafts (
    id              text COLLATE "C" PRIMARY KEY,
    organisation_id text COLLATE "C" NOT NULL,
    created_by      text NOT NULL,
    agreement_id    text COLLATE "C",
    amends          boolean NOT NULL,
    draft_json      text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX agreement_working_drafts_by_organisation ON agreement_working_drafts(organisation_id, updated_at);

ALTER TABLE link_reviews ADD COLUMN decision_reason text;
CREATE INDEX link_reviews_by_uncertainty ON link_reviews(status, abs(match_weight), id);
CREATE INDEX link_reviews_by_right ON link_reviews(right_dataset, right_key);

CREATE TABLE linkage_settings (
    id            integer PRIMARY KEY CHECK (id = 1),
    settings_json text NOT NULL,
    updated_at    timestamptz NOT NULL
);
