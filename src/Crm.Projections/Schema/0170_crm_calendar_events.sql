-- The schedule (WORK-3): one row per calendar event (a single event or a whole series), maintained inline with the calendar event
-- streams. Column names are a contract: analysts query this table with SQL. Rebuilt from the event store, never written by hand.
create table if not exists crm.calendar_events (
    id                uuid        primary key,
    title             text        not null,
    description       text,
    location          text,
    organizer_id      uuid        not null,
    attendee_ids      uuid[]      not null default '{}',
    all_day           boolean     not null,
    time_zone         text        not null,
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    recurrence        text,
    reminder_minutes  integer[]   not null default '{}',
    related           jsonb       not null default '[]',
    related_keys      text[]      not null default '{}',
    exceptions        jsonb       not null default '[]',
    status            text        not null,
    first_start       timestamptz not null,
    last_end          timestamptz,
    created_by        uuid,
    version           bigint      not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
comment on table crm.calendar_events is 'One row per calendar event (日程) or series as it is now, cancelled ones included. Maintained inline with its stream.';
comment on column crm.calendar_events.id is 'Event id: the id of its event stream (UUID v7).';
comment on column crm.calendar_events.title is 'Title, trimmed, 1..200 characters.';
comment on column crm.calendar_events.organizer_id is 'The user who organizes it (the record''s owner: data scopes apply to it).';
comment on column crm.calendar_events.attendee_ids is 'Attendees: enabled users when invited; at most 50.';
comment on column crm.calendar_events.all_day is 'An all-day event: starts_at and ends_at are dates (midnight, offset zero), first and last day included.';
comment on column crm.calendar_events.time_zone is 'IANA time zone id; recurrence is expanded in it and all-day days begin in it.';
comment on column crm.calendar_events.starts_at is 'Start of the (first) occurrence in UTC; a date at midnight UTC for all-day events.';
comment on column crm.calendar_events.ends_at is 'End of the (first) occurrence in UTC; the last day (included) at midnight UTC for all-day events.';
comment on column crm.calendar_events.recurrence is 'RRULE of the supported subset (FREQ DAILY/WEEKLY/MONTHLY, INTERVAL, BYDAY, COUNT or UNTIL); null: once.';
comment on column crm.calendar_events.reminder_minutes is 'Minutes before each occurrence''s start at which organizer and attendees are reminded.';
comment on column crm.calendar_events.related is 'Records the event is about: [{"kind","id"}], kinds customer, contact, opportunity, contract, lead.';
comment on column crm.calendar_events.related_keys is 'The related records as "kind:id" texts (GIN).';
comment on column crm.calendar_events.exceptions is 'Occurrences cancelled or changed on their own: [{"originalStart","cancelled","title","start","end"}].';
comment on column crm.calendar_events.status is 'scheduled or cancelled.';
comment on column crm.calendar_events.first_start is 'The first occurrence''s start as an instant (all-day days begun in time_zone).';
comment on column crm.calendar_events.last_end is 'The last occurrence''s end as an instant; null when the series never ends.';
comment on column crm.calendar_events.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';

-- A user's calendar reads two branches, each on its own index: the events they organize, and the ones they attend (GIN).
create index if not exists calendar_events_organizer on crm.calendar_events (organizer_id, first_start, id) where status = 'scheduled';
create index if not exists calendar_events_attendees on crm.calendar_events using gin (attendee_ids);
create index if not exists calendar_events_related on crm.calendar_events using gin (related_keys);
-- The reminder job's candidates: scheduled events with reminders, by first start.
create index if not exists calendar_events_reminded on crm.calendar_events (first_start, id)
    where status = 'scheduled' and cardinality(reminder_minutes) > 0;

-- A new inline read model in a database with history (docs/event-store.md, "Inline read models: blue/green").
select es.request_backfill('crm.calendar_events', array[
    'calendar.event-scheduled', 'calendar.event-edited', 'calendar.attendees-changed', 'calendar.related-changed',
    'calendar.event-cancelled', 'calendar.occurrence-cancelled', 'calendar.occurrence-changed', 'calendar.occurrences-reset']);
