-- Payments (回款, SAL-6): money received against a contract, one row per live payment. Column names are a contract: analysts query
-- this table with SQL. Rebuilt from the event store, never written by hand; maintained inline.
create table if not exists crm.payments (
    id               uuid          primary key,
    contract_id      uuid          not null,
    customer_id      uuid          not null,
    owner_id         uuid          not null,
    amount           numeric(20,2) not null,
    currency         text          not null,
    received_on      date          not null,
    plan_id          uuid,
    method           text,
    remark           text,
    status           text          not null,
    submission_id    uuid,
    approved_at      timestamptz,
    rejected_reason  text,
    version          bigint        not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
comment on table crm.payments is 'One row per payment (回款) as it is now; a deleted one has no row (its stream stays). Maintained inline with the payment stream.';
comment on column crm.payments.id is 'Payment id: the id of its event stream (UUID v7).';
comment on column crm.payments.contract_id is 'The contract the money was received against.';
comment on column crm.payments.customer_id is 'The contract''s customer (crm.customers.id).';
comment on column crm.payments.owner_id is 'The contract''s owner now (moved by contract transfers): payments are reached through their contract.';
comment on column crm.payments.amount is 'Amount received (exact decimal, 2 places), more than 0 and at most the contract''s amount.';
comment on column crm.payments.currency is 'ISO 4217 code: always the contract''s currency.';
comment on column crm.payments.received_on is 'The day the money was received (UTC calendar day), never after the day it was recorded.';
comment on column crm.payments.plan_id is 'The instalment of the contract''s payment plan it pays, or null.';
comment on column crm.payments.method is 'How it was paid (bank transfer, cash...), up to 50 characters.';
comment on column crm.payments.remark is 'Free remark, up to 2000 characters.';
comment on column crm.payments.status is 'draft, pending, approved or rejected; only approved payments count as received.';
comment on column crm.payments.submission_id is 'The approval submission in progress or last ended; null before the first submission.';
comment on column crm.payments.approved_at is 'When its approval completed; null unless approved.';
comment on column crm.payments.rejected_reason is 'The reason of the last rejection while rejected; null otherwise.';
comment on column crm.payments.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.payments.created_at is 'When the payment was recorded (event time).';
comment on column crm.payments.updated_at is 'When the payment last changed (event time).';

-- Scoped keyset lists: (owner_id, sort key, id) per owner; (sort key, id) for the all-records scope; a contract's and a customer's payments.
create index if not exists payments_owner_updated on crm.payments (owner_id, updated_at, id);
create index if not exists payments_owner_created on crm.payments (owner_id, created_at, id);
create index if not exists payments_updated on crm.payments (updated_at, id);
create index if not exists payments_created on crm.payments (created_at, id);
create index if not exists payments_by_contract on crm.payments (contract_id, updated_at, id);
create index if not exists payments_by_customer on crm.payments (customer_id, updated_at, id);
