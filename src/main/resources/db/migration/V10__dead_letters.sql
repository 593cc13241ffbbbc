-- Parked events: what a projection could not apply, one row per event, kept by Axon's
-- JdbcSequencedDeadLetterQueue (column names are its DeadLetterSchema defaults, folded to lower case).
-- processinggroup is the projection (catalogue, search); sequenceidentifier is the incident id: once
-- an incident has a parked event, its later events are parked behind it (sequenceindex) instead of
-- being applied out of order. The operator retries or skips them (POST /api/admin/projections/...).
--
-- V1 created this table ahead of use, and nothing wrote to it before this migration (no processor
-- had a dead-letter queue), so it is re-created here, beside the feature that uses it. The cause is
-- TEXT rather than V1's VARCHAR(1023): an error message never makes parking fail.
DROP TABLE IF EXISTS deadletterentry;

CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255) NOT NULL,
    processinggroup      VARCHAR(255) NOT NULL,
    sequenceidentifier   VARCHAR(255) NOT NULL,
    sequenceindex        BIGINT       NOT NULL,
    messagetype          VARCHAR(255) NOT NULL,
    eventidentifier      VARCHAR(255) NOT NULL,
    -- times are ISO-8601 strings, as Axon writes them
    timestamp            VARCHAR(255) NOT NULL,
    payloadtype          VARCHAR(255) NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA        NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    -- the event's tracking token: its global position
    token                BYTEA,
    -- first failure
    enqueuedat           VARCHAR(255) NOT NULL,
    -- last failure (a retry that fails touches it)
    lasttouched          VARCHAR(255),
    -- set while a retry holds the sequence (a claim that expires)
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         TEXT,
    -- JSON metadata: {"attempts": n}
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence_uq UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_group_idx ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_group_sequence_idx ON deadletterentry (processinggroup, sequenceidentifier);
