-- Aggregated security events (issue 15): refused requests that never became accesses (no valid token, failed client
-- authentication, rate limited), counted per kind, caller and one-minute window. One row per window and caller, so a
-- flood of refusals cannot grow the database per request; the append-only audit log holds accesses only.
CREATE TABLE security_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    window_start     timestamptz NOT NULL,
    kind             text COLLATE "C" NOT NULL,
    partition        text COLLATE "C" NOT NULL,
    organisation_id  text COLLATE "C",
    count            bigint NOT NULL CHECK (count > 0),
    UNIQUE (window_start, kind, partition)
);

CREATE INDEX security_events_organisation ON security_events (organisation_id, window_start);
