-- How far the search index is known to be complete: every event at or below this position is in
-- the serving index. The search processor's token may be ahead of it, because the projection
-- defers rewriting an incident that changes many times a second; after a crash, the incidents
-- changed after the watermark are checked against the index and re-indexed if needed.
CREATE TABLE search_watermark (
    name     text PRIMARY KEY,
    position bigint NOT NULL
);
