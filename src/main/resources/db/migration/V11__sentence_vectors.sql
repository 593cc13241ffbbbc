-- Sentence vectors, cached by content: sha-256 of the model name and the sentence -> 384 float32
-- (little-endian, 1,536 bytes). An index rebuild looks vectors up here instead of running the model
-- again; a row is never updated (the same sentence under the same model has the same vector), so
-- concurrent writers insert with ON CONFLICT DO NOTHING. Rows of sentences no longer used stay
-- (a few KB each); dropping the table only costs recomputation.
CREATE TABLE sentence_vector (
    hash   BYTEA PRIMARY KEY,
    vector BYTEA NOT NULL
);
