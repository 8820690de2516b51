-- Refresh-token rotation: each sign-in starts a token family; each refresh spends the family's current
-- pair and issues the next generation. A spent refresh token presented again revokes the whole family.
create table auth.token_families (
    id          uuid        primary key,
    user_id     uuid        not null,
    generation  integer     not null,
    revoked_at  timestamptz,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index token_families_user on auth.token_families (user_id);
comment on table auth.token_families is
    'One row per sign-in: the generation of its only valid token pair, and when a replayed refresh token revoked it. Never exposed by the API.';
comment on column auth.token_families.generation is
    'Tokens carry the generation they were issued at; only the current one counts (older access and refresh tokens are spent).';
comment on column auth.token_families.expires_at is 'When the newest refresh token expires; rows past it are deleted at the user''s next sign-in.';
