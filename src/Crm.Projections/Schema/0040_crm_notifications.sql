-- In-app notifications (WORK-4 for issue 4): one row per event that tells a user something about their records.
create table crm.notifications (
    id           uuid        primary key,
    user_id      uuid        not null,
    kind         text        not null,
    record_type  text        not null,
    record_id    uuid        not null,
    message      text        not null,
    due_at       timestamptz,
    actor_id     uuid,
    created_at   timestamptz not null,
    read_at      timestamptz
);
comment on table crm.notifications is 'In-app notifications, maintained inline from customer and contact events; a replay inserts nothing twice (keyed by event id).';
comment on column crm.notifications.id is 'The id of the event that caused the notification.';
comment on column crm.notifications.user_id is 'Who is notified.';
comment on column crm.notifications.kind is 'customer_transferred, customer_assigned, customer_recycling_warning, customer_recycled, contact_transferred.';
comment on column crm.notifications.record_type is 'customer or contact.';
comment on column crm.notifications.message is 'Human-readable text, in English, with the record''s name as it was then.';
comment on column crm.notifications.due_at is 'For recycling warnings: when the customer goes back to the pool.';
comment on column crm.notifications.actor_id is 'Who caused it (null: the system, e.g. recycling).';
comment on column crm.notifications.read_at is 'When the user read it (notification.read on the user''s inbox stream); null: unread.';
create index notifications_by_user on crm.notifications (user_id, created_at desc, id desc);
create index notifications_unread_by_user on crm.notifications (user_id, created_at desc, id desc) where read_at is null;
