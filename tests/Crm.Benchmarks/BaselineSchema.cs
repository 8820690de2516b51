namespace Crm.Benchmarks;

/// <summary>
/// The baseline's tables: a copy of es.streams / es.events (0001_event_store.sql) in schema "raw",
/// with the same columns, defaults, keys, indexes, foreign key and triggers, so the baseline writes
/// exactly as many index entries and fires exactly as many triggers as the engine does. Only the
/// engine's logic (the plpgsql function, pg_notify, the command log) is missing from it.
/// </summary>
public static class BaselineSchema
{
    public const string Sql =
        """
        drop schema if exists raw cascade;
        create schema raw;
        create table raw.streams (
            stream_id    uuid primary key,
            stream_type  text        not null,
            version      bigint      not null check (version >= 1),
            is_archived  boolean     not null default false,
            created_at   timestamptz not null default now(),
            updated_at   timestamptz not null default now()
        );
        create sequence raw.events_seq as bigint;
        create table raw.events (
            seq_id          bigint      not null default nextval('raw.events_seq') primary key,
            event_id        uuid        not null unique,
            stream_id       uuid        not null references raw.streams (stream_id),
            version         bigint      not null,
            event_type      text        not null,
            schema_version  int         not null default 1,
            data            jsonb       not null,
            metadata        jsonb       not null default '{}',
            created_at      timestamptz not null default now(),
            tx_id           xid8        not null default pg_current_xact_id(),
            unique (stream_id, version)
        );
        create index events_feed on raw.events (tx_id, seq_id);
        create index events_created_at on raw.events (created_at);
        create function raw.refuse_event_change() returns trigger language plpgsql as $$
        begin
            raise exception 'raw.events is append-only: % refused', tg_op using errcode = 'ES001';
        end $$;
        create trigger events_are_immutable before update or delete on raw.events
            for each row execute function raw.refuse_event_change();
        create trigger events_are_not_truncated before truncate on raw.events
            for each statement execute function raw.refuse_event_change();
        """;
}
