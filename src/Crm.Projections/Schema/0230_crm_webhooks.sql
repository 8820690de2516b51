-- SET-5: webhook subscriptions (inline from the webhook streams), the webhook dispatcher's own routing state, and the delivery log.
create table if not exists crm.webhooks (
    id           uuid        primary key,
    name         text        not null,
    url          text        not null,
    secret       text        not null,
    event_types  text[]      not null,
    filter       jsonb       not null,
    enabled      boolean     not null,
    deleted      boolean     not null,
    created_by   uuid        not null,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
comment on table crm.webhooks is 'Inline from webhook.created, webhook.changed and webhook.deleted: each webhook as it is now (deleted ones kept, flagged).';
comment on column crm.webhooks.secret is 'The HMAC-SHA256 key of its deliveries'' signatures: read by the delivery handler only, never answered after creation.';

-- The dispatcher subscription's own state (crm.webhooks_dispatch): the webhooks as of the feed position it has reached, so an event
-- goes to the webhooks that existed (and matched) when it happened, whatever the inline table says by the time the daemon reads it.
create table if not exists crm.webhook_routes (
    id           uuid        primary key,
    event_types  text[]      not null,
    filter       jsonb       not null,
    enabled      boolean     not null
);
comment on table crm.webhook_routes is 'State of the subscription crm.webhooks_dispatch: live webhooks as of its checkpoint; wiped by its replay.';

create table if not exists crm.webhook_deliveries (
    id               uuid        primary key,
    seq              bigint      generated always as identity,
    webhook_id       uuid        not null,
    event_id         uuid        not null,
    event_type       text,
    round            uuid        not null,
    status           text        not null check (status in ('pending', 'retrying', 'delivered', 'dead', 'skipped')),
    attempts         int         not null,
    last_error       text,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz not null
);
create index if not exists webhook_deliveries_by_webhook on crm.webhook_deliveries (webhook_id, seq desc);
comment on table crm.webhook_deliveries is 'The delivery log of each webhook: one row per (webhook, event), written by the delivery handler; not a read model (a replay of the dispatcher keeps it, so a delivery made is recognised).';
comment on column crm.webhook_deliveries.round is 'The message round it is in: the event''s id, or the id of the webhook.redelivery-requested event that started it again.';

select es.request_backfill('crm.webhooks', array['webhook.created', 'webhook.changed', 'webhook.deleted']);
