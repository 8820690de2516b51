-- Dead letters that cannot become a storm (docs/event-store.md, "Failures and dead letters").
-- A dead letter now has the event's feed position, outlives rebuilds, and is resolved (not deleted) when a rebuild
-- applies its event after all; a stopped projection records when and by which builds (space-separated, cleared when the
-- checkpoint moves on), so a node of a build that has not failed there yet, or one started later, tries again.
alter table es.projection_dead_letters
    add column tx_id xid8 not null default '0',
    add column resolved_at timestamptz;
update es.projection_dead_letters d set tx_id = e.tx_id from es.events e where e.seq_id = d.seq_id;
-- tx_id keeps its default: a node of the previous build, still running during a rolling deploy, inserts dead letters without it.
create index projection_dead_letters_open on es.projection_dead_letters (projection) where resolved_at is null;

alter table es.projection_checkpoints
    add column failed_at timestamptz,
    add column failed_by text;
