-- Issue 13 part 7: the notifications are a subscription (docs/event-store.md, "Subscriptions"). Its handler writes crm.notifications
-- from the outbox, later than the event's commit; what a user read is kept apart, inline from their inbox stream, so neither waits for
-- the other (a read mark never meets a row not yet delivered, a replay never loses one).
create table crm.notification_reads (
    notification_id  uuid        not null,
    user_id          uuid        not null,
    read_at          timestamptz not null,
    primary key (notification_id, user_id)
);
comment on table crm.notification_reads is 'Inline from notification.read (a user''s inbox stream): the notifications each user has read, and when.';
comment on column crm.notification_reads.notification_id is 'crm.notifications.id.';
comment on column crm.notification_reads.user_id is 'The reader: the notification''s addressee.';
comment on column crm.notification_reads.read_at is 'When they read it (the first time).';

insert into crm.notification_reads (notification_id, user_id, read_at)
select id, user_id, read_at from crm.notifications where read_at is not null;

drop index crm.notifications_unread_by_user;
alter table crm.notifications drop column read_at;

comment on table crm.notifications is 'In-app notifications, written by the handler of the crm.notifications subscription''s messages (NotificationDue), once per id however often a message is delivered.';
comment on table crm.notification_names is 'Customer and contact names as of the latest event the crm.notifications subscription handled: its own state, reset by a replay.';
comment on table crm.notification_submissions is 'The crm.notifications subscription''s own state (from approval.submitted): the submitter and title of each submission.';
