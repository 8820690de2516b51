-- SET-5: API tokens (inline from the api-token streams) and when each was last used (written by the sign-in, not by events).
create table if not exists crm.api_tokens (
    id           uuid        primary key,
    name         text        not null,
    secret_hash  text        not null,
    permissions  text[]      not null,
    data_scope   text        not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    created_by   uuid        not null,
    version      bigint      not null,
    created_at   timestamptz not null
);
comment on table crm.api_tokens is 'Inline from api-token.created and api-token.revoked. Only the SHA-256 (hex) of a token''s secret is kept.';
create index if not exists api_tokens_by_creator on crm.api_tokens (created_by);

create table if not exists crm.api_token_uses (
    token_id      uuid        primary key,
    last_used_at  timestamptz not null
);
comment on table crm.api_token_uses is 'When each API token was last accepted (to the minute): written by the API token sign-in, kept apart from the inline table so a rebuild keeps it.';

select es.request_backfill('crm.api_tokens', array['api-token.created', 'api-token.revoked']);
