-- Erasure of personal data (docs/event-store.md, "Erasure"). es.events stays append-only except for one audited path: in the
-- transaction that appends a stream's erasure event, the data of that stream's earlier events may be rewritten (their personal
-- values masked). The transaction first sets es.erasing_stream to the stream's id (transaction-local) and records which events it
-- masks in es.erasures; the trigger lets an UPDATE through only when both name the row and nothing but data changes. DELETE,
-- TRUNCATE and every other UPDATE are refused as before (ES001).
create table es.erasures (
    erasure_event_id  uuid        primary key,
    stream_id         uuid        not null,
    version           bigint      not null,
    fields            text[]      not null,
    masked_event_ids  uuid[]      not null,
    tx_id             xid8        not null default pg_current_xact_id(),
    erased_at         timestamptz not null default now()
);
-- Also read by every snapshot write: a snapshot folded from events read before an erasure committed would keep the values.
create index erasures_stream on es.erasures (stream_id, version);
comment on table es.erasures is 'One row per erasure: its event, the stream and the version it erased at, the fields masked (never values), the events whose data was rewritten, and the transaction that did it.';

create or replace function es.refuse_event_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if current_setting('es.erasing_stream', true) = old.stream_id::text
           and exists (select 1 from es.erasures e
                        where e.stream_id = old.stream_id and e.tx_id = pg_current_xact_id() and old.event_id = any (e.masked_event_ids)
                          and old.version < e.version
                          -- The erasure is an event of that stream, appended by this very transaction: a row forged into es.erasures
                          -- without one rewrites nothing.
                          and exists (select 1 from es.events ev
                                       where ev.event_id = e.erasure_event_id and ev.stream_id = old.stream_id and ev.version = e.version
                                         and ev.event_type like '%.personal-data-erased' and ev.tx_id = pg_current_xact_id()))
           and (new.seq_id, new.event_id, new.stream_id, new.version, new.event_type, new.schema_version, new.metadata, new.created_at, new.tx_id)
               is not distinct from
               (old.seq_id, old.event_id, old.stream_id, old.version, old.event_type, old.schema_version, old.metadata, old.created_at, old.tx_id)
        then
            return new;
        end if;
    end if;
    raise exception 'es.events is append-only: % refused', tg_op using errcode = 'ES001';
end $$;

-- The audit of erasures is append-only too.
create function es.refuse_erasure_change() returns trigger language plpgsql as $$
begin
    raise exception 'es.erasures is append-only: % refused', tg_op using errcode = 'ES001';
end $$;
create trigger erasures_append_only before update or delete on es.erasures for each row execute function es.refuse_erasure_change();
create trigger erasures_no_truncate before truncate on es.erasures for each statement execute function es.refuse_erasure_change();
