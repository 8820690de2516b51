-- Rebuilds of inline read models into shadow tables (docs/event-store.md, "Rebuilding a projection"). One row per inline
-- projection that was ever asked to rebuild or back-fill: any host's daemon carries a requested one out (under a session lock
-- keyed on the name, so one at a time and picked up again when its host dies), and the status API reads the progress here.
-- backfill: the read model is new on this database (a migration asked for it); until its swap, appends do not apply it inline
-- (its table is empty and would meet updates of rows it never saw) — appends read this flag under the swap gate, see below.
create table es.shadow_rebuilds (
    projection        text        primary key,
    status            text        not null check (status in ('rebuild_requested', 'rebuilding', 'running', 'failed')),
    backfill          boolean     not null default false,
    events_processed  bigint      not null default 0,
    requested_at      timestamptz not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    last_error        text
);

comment on table es.shadow_rebuilds is
    'Blue/green rebuilds of inline read models: requested, under way (events applied to the shadow tables so far), done or failed.';

-- Every append that runs inline projections calls this first, in its transaction: it takes the swap gate in shared mode (a
-- swap takes it exclusively, so no append's inline writes straddle a swap) and returns the projections it must not apply
-- (those being back-filled). An advisory lock assigns no transaction id: the feed's ordering rule is untouched.
-- plpgsql, not sql: a multi-statement sql function is planned anew on every call; plpgsql keeps its plans per connection.
create function es.inline_gate() returns text[]
language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock_shared(5283721309746913);
    return coalesce((select array_agg(projection) from es.shadow_rebuilds where backfill), '{}');
end $$;

-- What a migration that adds an inline read model calls (with the event types it handles): on a database that already holds
-- such events the model is back-filled from them by the daemon (blue/green, like a rebuild) and not applied inline until then.
-- On a new or empty database it does nothing: there is nothing to back-fill and the projection runs inline from the first event.
create function es.request_backfill(p_projection text, p_event_types text[]) returns void
language sql volatile as $$
    insert into es.shadow_rebuilds (projection, status, backfill)
    select p_projection, 'rebuild_requested', true
     where exists (select 1 from es.events where event_type = any(p_event_types))
    on conflict (projection) do update set status = 'rebuild_requested', backfill = true, requested_at = now(), started_at = null,
        finished_at = null, last_error = null, events_processed = 0;
$$;

-- An async read model rebuilds into shadow tables too (when its projection names its tables): its leader replays the feed into
-- them while the live tables stand still and keep serving, then swaps them in with the checkpoint. shadow_build says a rebuild
-- under way (or failed, to be resumed) writes the shadows: the checkpoint's position is theirs, not the live tables'.
alter table es.projection_checkpoints add column shadow_build boolean not null default false;
