-- Streams: one row per stream; its version is the compare-and-set target of every append.
create table es.streams (
    stream_id    uuid primary key,
    stream_type  text        not null,
    version      bigint      not null check (version >= 1),
    is_archived  boolean     not null default false,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create sequence es.events_seq as bigint;

-- Events: append-only. tx_id is the id of the appending transaction; the global feed is ordered by
-- (tx_id, seq_id) and only read below the oldest running transaction (see docs/event-store.md).
create table es.events (
    seq_id          bigint      not null default nextval('es.events_seq') primary key,
    event_id        uuid        not null unique,
    stream_id       uuid        not null references es.streams (stream_id),
    version         bigint      not null,
    event_type      text        not null,
    schema_version  int         not null default 1,
    data            jsonb       not null,
    metadata        jsonb       not null default '{}',
    created_at      timestamptz not null default now(),
    tx_id           xid8        not null default pg_current_xact_id(),
    unique (stream_id, version)
);
create index events_feed on es.events (tx_id, seq_id);
create index events_created_at on es.events (created_at);

create function es.refuse_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'es.events is append-only: % refused', tg_op using errcode = 'ES001';
end $$;
create trigger events_are_immutable before update or delete on es.events
    for each row execute function es.refuse_event_change();
create trigger events_are_not_truncated before truncate on es.events
    for each statement execute function es.refuse_event_change();

-- Idempotency: one row per command key, written in the append transaction.
create table es.command_log (
    idempotency_key text primary key,
    request_hash    text,
    result          jsonb,
    stream_ids      uuid[]   not null,
    versions        bigint[] not null,
    seq_ids         bigint[] not null,
    created_at      timestamptz not null default now()
);

create table es.projection_checkpoints (
    name              text primary key,
    tx_id             xid8        not null default '0',
    seq_id            bigint      not null default 0,
    events_processed  bigint      not null default 0,
    status            text        not null default 'running',
    rebuilds          int         not null default 0,
    last_error        text,
    updated_at        timestamptz not null default now()
);

create table es.projection_dead_letters (
    projection  text        not null,
    seq_id      bigint      not null,
    event_id    uuid        not null,
    stream_id   uuid        not null,
    event_type  text        not null,
    attempts    int         not null,
    error       text        not null,
    failed_at   timestamptz not null default now(),
    primary key (projection, seq_id)
);
