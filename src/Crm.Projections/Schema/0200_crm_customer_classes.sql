-- CUS-10: derived customer classes (recency, frequency, monetary). The facts per customer are kept ASYNC by the daemon
-- (crm.customer_facts projection) from contract and payment events; the classes are computed when read, in SQL, from these facts,
-- today's date (UTC) and the thresholds administrators configure (crm.customer_class_settings, inline).

create table if not exists crm.customer_class_contracts (
    contract_id  uuid          primary key,
    customer_id  uuid          not null,
    amount       numeric(20,2) not null,
    currency     text          not null,
    approved_at  timestamptz   not null
);
comment on table crm.customer_class_contracts is
    'One row per approved contract that is not voided or deleted: the deals CUS-10''s classes count. Async (daemon).';
comment on column crm.customer_class_contracts.contract_id is 'The contract (its stream id).';
comment on column crm.customer_class_contracts.customer_id is 'The contract''s customer (crm.customers.id).';
comment on column crm.customer_class_contracts.amount is 'The amount approved.';
comment on column crm.customer_class_contracts.currency is 'ISO 4217 code of the amount.';
comment on column crm.customer_class_contracts.approved_at is 'When the contract was approved: the deal''s time for recency.';
create index if not exists customer_class_contracts_customer on crm.customer_class_contracts (customer_id);

create table if not exists crm.customer_class_payments (
    payment_id   uuid          primary key,
    customer_id  uuid          not null,
    contract_id  uuid          not null,
    amount       numeric(20,2) not null,
    currency     text          not null,
    received_on  date          not null
);
comment on table crm.customer_class_payments is
    'One row per approved payment (money received, whatever became of its contract since). Async (daemon).';
comment on column crm.customer_class_payments.payment_id is 'The payment (its stream id).';
comment on column crm.customer_class_payments.customer_id is 'The payment''s customer (crm.customers.id).';
comment on column crm.customer_class_payments.contract_id is 'The contract it was received against.';
comment on column crm.customer_class_payments.amount is 'The amount received.';
comment on column crm.customer_class_payments.currency is 'ISO 4217 code of the amount.';
comment on column crm.customer_class_payments.received_on is 'The day it was received.';
create index if not exists customer_class_payments_customer on crm.customer_class_payments (customer_id);

create table if not exists crm.customer_facts (
    customer_id        uuid        primary key,
    contract_count     int         not null,
    first_contract_at  timestamptz,
    last_contract_at   timestamptz,
    payment_count      int         not null,
    last_payment_on    date
);
comment on table crm.customer_facts is
    'Per customer with at least one counted contract or approved payment: the facts its classes (CUS-10) are computed from. Async (daemon).';
comment on column crm.customer_facts.customer_id is 'The customer (crm.customers.id); a customer without a row has no deal and no payment.';
comment on column crm.customer_facts.contract_count is 'Approved contracts that are not voided or deleted (frequency).';
comment on column crm.customer_facts.first_contract_at is 'Approval time of the first counted contract.';
comment on column crm.customer_facts.last_contract_at is 'Approval time of the last counted contract (recency).';
comment on column crm.customer_facts.payment_count is 'Approved payments.';
comment on column crm.customer_facts.last_payment_on is 'The day of the last approved payment.';

create table if not exists crm.customer_spend (
    customer_id        uuid          not null,
    currency           text          not null,
    contract_amount    numeric(28,2) not null,
    payments_received  numeric(28,2) not null,
    primary key (customer_id, currency)
);
comment on table crm.customer_spend is
    'Per customer and currency: counted contract amounts and approved payments (monetary; never added across currencies). Async (daemon).';
comment on column crm.customer_spend.customer_id is 'The customer (crm.customers.id).';
comment on column crm.customer_spend.currency is 'ISO 4217 code.';
comment on column crm.customer_spend.contract_amount is 'Sum of the counted contracts'' approved amounts in this currency.';
comment on column crm.customer_spend.payments_received is 'Sum of the approved payments in this currency.';

create table if not exists crm.customer_class_settings (
    id                uuid        primary key,
    recency_days      int[]       not null,
    frequency_counts  int[]       not null,
    monetary_basis    text        not null,
    monetary          jsonb       not null,
    updated_at        timestamptz not null
);
comment on table crm.customer_class_settings is
    'The class thresholds (CUS-10) as last configured; no row: the defaults. Maintained inline with the customer-classes stream.';
comment on column crm.customer_class_settings.id is 'The customer-classes stream''s fixed id.';
comment on column crm.customer_class_settings.recency_days is
    'Four ascending day counts: a last contract at most [1] days ago is class 5, more than [4] days ago class 1.';
comment on column crm.customer_class_settings.frequency_counts is
    'Four ascending counts: fewer counted contracts than [1] is class 1, at least [4] class 5.';
comment on column crm.customer_class_settings.monetary_basis is 'contracts (crm.customer_spend.contract_amount) or payments (payments_received).';
comment on column crm.customer_class_settings.monetary is
    'Per currency four ascending amounts, {"CNY":[…]}, cutting spend classes as frequency''s counts do.';
comment on column crm.customer_class_settings.updated_at is 'When the thresholds last changed (event time).';

select es.request_backfill('crm.customer_class_settings', array['settings.customer-classes-changed']);
