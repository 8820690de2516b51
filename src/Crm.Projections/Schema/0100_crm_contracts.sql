-- Contracts (合同, SAL-3): the record, its product lines, its team and its payment plan (SAL-5). Column names are a contract:
-- analysts query these tables with SQL. Rebuilt from the event store, never written by hand; all are maintained inline.
create table if not exists crm.contracts (
    id                    uuid          primary key,
    number                text          not null,
    customer_id           uuid          not null,
    opportunity_id        uuid,
    name                  text          not null,
    signed_on             date,
    starts_on             date,
    ends_on               date,
    signatory_contact_id  uuid,
    remark                text,
    custom                jsonb,
    amount                numeric(20,2) not null,
    amount_set_by_hand    boolean       not null,
    currency              text          not null,
    status                text          not null,
    submission_id         uuid,
    approved_version      bigint,
    approved_at           timestamptz,
    voided_at             timestamptz,
    void_reason           text,
    owner_id              uuid          not null,
    department_id         uuid,
    version               bigint        not null,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    search_text           text          generated always as (lower(number || ' ' || name)) stored
);
comment on table crm.contracts is 'One row per contract (合同) as it is now; a deleted one has no row (its stream stays). Maintained inline with the contract stream.';
comment on column crm.contracts.id is 'Contract id: the id of its event stream (UUID v7).';
comment on column crm.contracts.number is 'Contract number (合同编号), unique: from the contractNumberPattern (HT-{yyyy}-{seq:6}) or chosen by the client.';
comment on column crm.contracts.customer_id is 'The customer (crm.customers.id) the contract is with.';
comment on column crm.contracts.opportunity_id is 'The customer''s opportunity (crm.opportunities.id) the contract came from, or null.';
comment on column crm.contracts.name is 'Contract name, trimmed, 1..100 characters.';
comment on column crm.contracts.signed_on is 'When it was signed, or null.';
comment on column crm.contracts.starts_on is 'First day it runs, or null.';
comment on column crm.contracts.ends_on is 'Last day it runs, or null; never before starts_on.';
comment on column crm.contracts.signatory_contact_id is 'The customer''s contact (crm.contacts.id) who signed, or null.';
comment on column crm.contracts.remark is 'Free remark, up to 2000 characters.';
comment on column crm.contracts.custom is 'Custom field values as a JSON object, or null.';
comment on column crm.contracts.amount is 'The amount (exact decimal, 2 places): the lines'' total unless amount_set_by_hand.';
comment on column crm.contracts.amount_set_by_hand is 'Whether the amount was set by hand (then changed lines leave it alone).';
comment on column crm.contracts.currency is 'ISO 4217 code of the amount, every line and every payment plan; one currency per contract.';
comment on column crm.contracts.status is 'draft, pending (submitted, locked), approved (locked), rejected or voided.';
comment on column crm.contracts.submission_id is 'The approval submission in progress or last ended, or null.';
comment on column crm.contracts.approved_version is 'The stream version the approvers saw, once approved.';
comment on column crm.contracts.approved_at is 'When it was approved; null unless status is approved (or it was voided after approval).';
comment on column crm.contracts.voided_at is 'When it was voided, or null.';
comment on column crm.contracts.void_reason is 'Why it was voided, or null.';
comment on column crm.contracts.owner_id is 'User who owns the contract (负责人).';
comment on column crm.contracts.department_id is 'Department of the owner; reserved, null for now (list filters read the owner''s department from org.users).';
comment on column crm.contracts.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.contracts.created_at is 'When the contract was created (event time).';
comment on column crm.contracts.updated_at is 'When the contract last changed (event time).';
comment on column crm.contracts.search_text is 'lower(number || '' '' || name): what free text (q) matches inside.';

-- A number is unique: the create's guard checks it inside the append, and this index is the last word.
create unique index if not exists contracts_number on crm.contracts (number);
create index if not exists contracts_owner_updated on crm.contracts (owner_id, updated_at, id);
create index if not exists contracts_owner_created on crm.contracts (owner_id, created_at, id);
create index if not exists contracts_owner_name on crm.contracts (owner_id, name, id);
create index if not exists contracts_updated on crm.contracts (updated_at, id);
create index if not exists contracts_created on crm.contracts (created_at, id);
create index if not exists contracts_name on crm.contracts (name, id);
create index if not exists contracts_by_customer on crm.contracts (customer_id, updated_at, id);
create index if not exists contracts_search_trgm on crm.contracts using gin (search_text gin_trgm_ops);

create table if not exists crm.contract_lines (
    contract_id       uuid          not null,
    line_id           uuid          not null,
    position          int           not null,
    product_id        uuid          not null,
    product_name      text          not null,
    product_code      text          not null,
    unit              text,
    quantity          numeric(18,4) not null,
    unit_price        numeric(20,2) not null,
    discount_percent  numeric(5,2)  not null,
    subtotal          numeric(20,2) not null,
    currency          text          not null,
    primary key (contract_id, line_id)
);
comment on table crm.contract_lines is 'The product lines of each live contract, in order; priced as opportunity lines. Name, code, unit and price are the snapshot taken when the line was written.';
comment on column crm.contract_lines.position is 'The line''s place in the contract, from 0.';
comment on column crm.contract_lines.subtotal is 'quantity × unit_price × (100 − discount_percent) / 100, rounded half away from zero to 2 places (by the decider).';
create index if not exists contract_lines_by_product on crm.contract_lines (product_id);

create table if not exists crm.contract_team (
    contract_id  uuid        not null,
    user_id      uuid        not null,
    access       text        not null,
    added_at     timestamptz not null,
    primary key (contract_id, user_id)
);
comment on table crm.contract_team is 'Team members (相关团队) of each live contract. The owner is never in it.';
comment on column crm.contract_team.access is 'read or read_write.';
create index if not exists contract_team_by_user on crm.contract_team (user_id, contract_id);

create table if not exists crm.payment_plans (
    plan_id             uuid          primary key,
    contract_id         uuid          not null,
    owner_id            uuid          not null,
    instalment          int           not null,
    amount              numeric(20,2) not null,
    currency            text          not null,
    planned_on          date          not null,
    method              text,
    remind_days_before  int,
    remark              text,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
comment on table crm.payment_plans is 'The payment plan (回款计划) of each live contract: one row per instalment. Maintained inline with the contract stream.';
comment on column crm.payment_plans.contract_id is 'The contract (crm.contracts.id).';
comment on column crm.payment_plans.owner_id is 'The contract''s owner: who is reminded; follows the contract''s transfers.';
comment on column crm.payment_plans.instalment is 'Instalment number (期数), unique within the contract.';
comment on column crm.payment_plans.amount is 'Planned amount, more than 0, 2 places, in the contract''s currency; the plans of a contract add up to at most its amount.';
comment on column crm.payment_plans.planned_on is 'When the money is planned to arrive.';
comment on column crm.payment_plans.method is 'Planned payment method (free text), or null.';
comment on column crm.payment_plans.remind_days_before is 'Days before planned_on the owner is reminded (0–365), or null: no reminder.';
create unique index if not exists payment_plans_instalment on crm.payment_plans (contract_id, instalment);
create index if not exists payment_plans_due on crm.payment_plans (planned_on) include (remind_days_before);
create index if not exists payment_plans_owner_due on crm.payment_plans (owner_id, planned_on);

-- The contract number's sequence per year: taken with one upsert outside the create's transaction, so two creates never wait on
-- each other; a create refused after taking its value leaves a gap (numbers are unique, not gap-free).
create table if not exists crm.contract_number_counters (
    year  int    primary key,
    last  bigint not null
);
comment on table crm.contract_number_counters is 'The last sequence value handed out per year for generated contract numbers. Not rebuilt from events (a rebuild must never hand out a number again).';
