-- Read model behind GET /api/incidents: one row per incident, kept by the "catalogue"
-- tracking processor. Disposable: it can be truncated and rebuilt from the event store.
CREATE TABLE incident_catalogue (
    incident_id   VARCHAR(100) PRIMARY KEY,
    title         TEXT         NOT NULL,
    organization  VARCHAR(200) NOT NULL,
    severity      VARCHAR(10)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    resolved_at   TIMESTAMPTZ,
    -- sequence number of the last event applied to this row: makes redelivery a no-op
    version       BIGINT       NOT NULL
);
CREATE INDEX incident_catalogue_org_idx ON incident_catalogue (lower(organization));
CREATE INDEX incident_catalogue_started_idx ON incident_catalogue (started_at);
