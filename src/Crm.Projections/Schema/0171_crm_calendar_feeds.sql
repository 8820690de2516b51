-- The schedule's .ics feeds (WORK-3): which token opens whose feed. Only the token's SHA-256 (hex) is kept, never the token.
create table if not exists crm.calendar_feeds (
    id          uuid        primary key,
    user_id     uuid        not null unique,
    token_hash  text,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
comment on table crm.calendar_feeds is 'One row per user who ever had a calendar feed. Maintained inline with the feed streams.';
comment on column crm.calendar_feeds.token_hash is 'SHA-256 (hex) of the current feed token; null once revoked.';
create unique index if not exists calendar_feeds_token on crm.calendar_feeds (token_hash) where token_hash is not null;

select es.request_backfill('crm.calendar_feeds', array['calendar.feed-issued', 'calendar.feed-revoked']);
