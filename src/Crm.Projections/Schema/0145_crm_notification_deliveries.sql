-- WORK-4's channels: which notifications went out by e-mail or webhook. Written by the channel handlers once a send succeeded, so a
-- message delivered twice (Wolverine is at least once) or a replay of the notifications subscription sends nothing twice.
create table crm.notification_deliveries (
    notification_id  uuid        not null,
    channel          text        not null check (channel in ('email', 'webhook')),
    user_id          uuid        not null,
    outcome          text        not null check (outcome in ('sent', 'skipped')),
    detail           text,
    delivered_at     timestamptz not null,
    primary key (notification_id, channel)
);
comment on table crm.notification_deliveries is 'What the e-mail and webhook channels did with each notification (once each): sent, or skipped (no address, no webhook, no SMTP server).';
comment on column crm.notification_deliveries.notification_id is 'crm.notifications.id (the row exists only when the user also chose in_app).';
comment on column crm.notification_deliveries.detail is 'Why a delivery was skipped; for a send, the address or host it went to.';
comment on table crm.notification_reads is 'Inline from notification.read and notification.read-all (a user''s inbox stream): the notifications each user has read, and when.';
