-- Snapshots of a stream's folded command-side state (docs/event-store.md, "Snapshots"): a command loads the snapshot and the
-- events after it instead of the whole stream. One row per stream; state_key names the state's type and the build that folded
-- it, so a snapshot another build wrote is ignored (and replaced) rather than trusted. Derived data: dropping a row loses nothing.
create table es.snapshots (
    stream_id   uuid        primary key,
    state_key   text        not null,
    version     bigint      not null,
    data        jsonb       not null,
    created_at  timestamptz not null default now()
);
