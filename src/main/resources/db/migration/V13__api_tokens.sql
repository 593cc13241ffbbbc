-- API tokens (issue 20): created and revoked by an admin, shown once, stored only as a SHA-256 hash
-- of the secret (the secret is 256 random bits, so a fast hash is enough: nothing to brute-force).
create table api_token (
    id          text primary key,
    name        text        not null,
    role        text        not null check (role in ('reader', 'editor', 'admin')),
    hash        bytea       not null unique,
    created_at  timestamptz not null,
    created_by  text        not null,
    expires_at  timestamptz,
    revoked_at  timestamptz
);
-- a name picks one live token (a revoked token's name may be reused)
create unique index api_token_live_name on api_token (name) where revoked_at is null;
