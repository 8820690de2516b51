-- WORK-4's calendar reminders: which (event, occurrence start, offset) were reminded, claimed by the reminder job in the transaction
-- that hands the notifications to the outbox, so each goes out once however many hosts run the job.
create table crm.calendar_reminders (
    event_id          uuid        not null,
    occurrence_start  timestamptz not null,
    minutes           integer     not null,
    reminded_at       timestamptz not null,
    primary key (event_id, occurrence_start, minutes)
);
comment on table crm.calendar_reminders is 'Calendar reminders sent (the reminder job''s own state): an occurrence that moves is reminded again at its new time.';
