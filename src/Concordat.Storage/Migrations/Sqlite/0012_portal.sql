-- The staff portal (issue 12): agreement terms written section by section before they become an agreement, the reason
-- a steward gives for a review decision, the review queue in order of uncertainty, the reviews that touch a record,
-- and the linkage settings of the last resolution (so an accepted pair can join its two persons at once).
CREATE TABLE agreement_working_drafts (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    agreement_id    TEXT,
    amends          INTEGER NOT NULL CHECK (amends IN (0, 1)),
    draft_json      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX agreement_working_drafts_by_organisation ON agreement_working_drafts(organisation_id, updated_at);

ALTER TABLE link_reviews ADD COLUMN decision_reason TEXT;
-- Most uncertain first: a weight of 0 bits is a probability of one half.
CREATE INDEX link_reviews_by_uncertainty ON link_reviews(status, abs(match_weight), id);
CREATE INDEX link_reviews_by_right ON link_reviews(right_dataset, right_key);

CREATE TABLE linkage_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    settings_json TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
