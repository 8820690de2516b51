-- Follow-up records (跟进记录) of leads, customers and contacts, one row per follow-up (LEAD-2, CUS-2).
create table crm.follow_ups (
    id               uuid        primary key,
    record_type      text        not null,
    record_id        uuid        not null,
    customer_id      uuid,
    kind             text        not null,
    content          text        not null,
    next_contact_at  timestamptz,
    created_at       timestamptz not null,
    created_by       uuid
);
comment on table crm.follow_ups is 'One row per follow-up record of a lead, customer or contact. Maintained inline; a replay inserts nothing twice.';
comment on column crm.follow_ups.id is 'Follow-up id, chosen with the command.';
comment on column crm.follow_ups.record_type is 'lead, customer or contact: the stream the follow-up was recorded on.';
comment on column crm.follow_ups.record_id is 'Id of the lead, customer or contact.';
comment on column crm.follow_ups.customer_id is 'The customer it relates to: the customer itself, or the contact''s customer; null for leads. A customer''s detail lists these.';
comment on column crm.follow_ups.kind is 'Leads: phone, email, visit, sms, chat, other. Customers and contacts: communication, log, schedule, task, approval.';
comment on column crm.follow_ups.next_contact_at is 'Next contact time; lands in the author''s schedule and reminders (WORK-3/4).';
comment on column crm.follow_ups.created_at is 'When it was recorded (event time).';
comment on column crm.follow_ups.created_by is 'User who recorded it (event metadata); null for system actions.';

create index follow_ups_by_record on crm.follow_ups (record_id, created_at, id);
create index follow_ups_by_customer on crm.follow_ups (customer_id, created_at, id) where customer_id is not null;
-- Reminders: upcoming next-contact times per user.
create index follow_ups_next_contact on crm.follow_ups (created_by, next_contact_at) where next_contact_at is not null;
