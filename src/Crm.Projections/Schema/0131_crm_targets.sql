-- Sales targets (销售目标, SAL-7): one row per live target, maintained inline with the target stream.
create table if not exists crm.targets (
    id            uuid          primary key,
    subject_kind  text          not null,
    subject_id    uuid          not null,
    measure       text          not null,
    year          int           not null,
    period        text          not null,
    period_no     int,
    starts_on     date          not null,
    ends_before   date          not null,
    amount        numeric(20,2) not null,
    currency      text          not null,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null
);
comment on table crm.targets is 'One row per live sales target (销售目标); a deleted one has no row (its stream stays). Maintained inline with the target stream.';
comment on column crm.targets.id is 'Target id: the id of its event stream (UUID v7).';
comment on column crm.targets.subject_kind is 'user or department: whose target it is.';
comment on column crm.targets.subject_id is 'The user (org.users.id) or department (org.departments.id).';
comment on column crm.targets.measure is 'contract_amount (approved contracts, by signing date, else approval date) or payments_received (approved payments, by receipt date).';
comment on column crm.targets.year is 'The calendar year of the period.';
comment on column crm.targets.period is 'year, quarter or month.';
comment on column crm.targets.period_no is '1–4 for a quarter, 1–12 for a month; null for a year.';
comment on column crm.targets.starts_on is 'The period''s first day.';
comment on column crm.targets.ends_before is 'The day after the period''s last day.';
comment on column crm.targets.amount is 'The amount to reach (exact decimal, 2 places, more than 0).';
comment on column crm.targets.currency is 'ISO 4217 code; only deals in this currency count towards the target.';
comment on column crm.targets.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.targets.created_at is 'When the target was set (event time).';
comment on column crm.targets.updated_at is 'When the target last changed (event time).';
-- A backstop of the handler's lock: one live target per subject, measure and period.
create unique index if not exists targets_key on crm.targets (subject_kind, subject_id, measure, year, period, coalesce(period_no, 0));
create index if not exists targets_by_period on crm.targets (year, period, period_no, measure);

-- The deals that count towards targets, maintained ASYNC by the projection daemon (crm.achievement) from contract and payment events.
create table if not exists crm.achievement_deals (
    id                uuid          primary key,
    measure           text          not null,
    contract_id       uuid          not null,
    owner_id          uuid          not null,
    current_owner_id  uuid          not null,
    signed_on         date,
    approved_on       date,
    dated_on          date,
    amount            numeric(20,2) not null,
    currency          text          not null,
    counted           boolean       not null,
    updated_at        timestamptz   not null
);
comment on table crm.achievement_deals is 'One row per contract (measure contract_amount) and per approved payment (measure payments_received), as target achievement counts them (async projection crm.achievement: lags the event store by the daemon''s delay; rebuilt from the events).';
comment on column crm.achievement_deals.id is 'The contract''s id (contract_amount) or the payment''s id (payments_received).';
comment on column crm.achievement_deals.measure is 'contract_amount or payments_received.';
comment on column crm.achievement_deals.contract_id is 'The contract (for a contract row: itself).';
comment on column crm.achievement_deals.owner_id is 'Who the deal counts for: the contract''s owner when it was approved (payments: the contract''s owner when the payment was approved).';
comment on column crm.achievement_deals.current_owner_id is 'The contract''s owner now (after transfers); payments approved later count for this user.';
comment on column crm.achievement_deals.signed_on is 'The contract''s signing date, if set (contract rows).';
comment on column crm.achievement_deals.approved_on is 'The UTC date of the approval (contract rows).';
comment on column crm.achievement_deals.dated_on is 'The date the deal counts on: signed_on, else approved_on (contracts); the receipt date (payments).';
comment on column crm.achievement_deals.amount is 'The approved amount (exact decimal, 2 places).';
comment on column crm.achievement_deals.currency is 'ISO 4217 code of the amount.';
comment on column crm.achievement_deals.counted is 'Whether it counts: approved and not voided (contracts); always true for payments.';
comment on column crm.achievement_deals.updated_at is 'Time of the last event applied to this row.';
create index if not exists achievement_deals_counted on crm.achievement_deals (owner_id, measure, dated_on) where counted;
create index if not exists achievement_deals_by_contract on crm.achievement_deals (contract_id);
