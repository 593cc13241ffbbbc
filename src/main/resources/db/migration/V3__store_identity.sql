-- Identifies this event store, so a search index on disk built from another store (another
-- database, a restored dump) is recognised and rebuilt instead of served.
CREATE TABLE faultline_store (
    id         uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO faultline_store (id) VALUES (gen_random_uuid());
