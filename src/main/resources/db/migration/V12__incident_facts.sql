-- Read model behind GET /api/patterns, /api/recurrences, /api/remediations and /api/stats: what each
-- incident said at each point of knowledge time (one row per processor batch that changed it), kept
-- by the "patterns" tracking processor. The newest row per incident is the current state; the newest
-- row known_from <= T is the state as known at T. Disposable: truncated and rebuilt from the events.
CREATE TABLE incident_facts (
    incident_id VARCHAR(100) NOT NULL,
    known_from  TIMESTAMPTZ  NOT NULL,
    facts       JSONB        NOT NULL,
    PRIMARY KEY (incident_id, known_from)
);
