-- Receivables (应收, SAL-6): per contract, the contract amount less its approved payments, and its payment plan's instalments with what
-- approved payments leave of each (oldest first). Maintained by the projection daemon (async); rebuilt from the event store.
create table if not exists crm.receivables (
    contract_id           uuid          primary key,
    contract_number       text          not null,
    customer_id           uuid          not null,
    owner_id              uuid          not null,
    status                text          not null,
    currency              text          not null,
    contract_amount       numeric(20,2) not null,
    approved_amount       numeric(20,2) not null,
    receivable_amount     numeric(20,2) not null,
    payments_count        int           not null,
    last_received_on      date,
    next_due_on           date,
    next_due_amount       numeric(20,2),
    contract_approved_at  timestamptz,
    updated_at            timestamptz   not null
);
comment on table crm.receivables is 'One row per live contract (voided and deleted ones have none); lists show approved ones. Async: trails writes by the daemon''s delay.';
comment on column crm.receivables.contract_number is 'The contract''s number (HT-2026-000123).';
comment on column crm.receivables.owner_id is 'The contract''s owner now: receivables are scoped by payment.list over it.';
comment on column crm.receivables.status is 'The contract''s approval status: draft, pending, approved or rejected.';
comment on column crm.receivables.contract_amount is 'The contract''s amount (its approved amount once approved).';
comment on column crm.receivables.approved_amount is 'Sum of the contract''s approved payments.';
comment on column crm.receivables.receivable_amount is 'contract_amount − approved_amount: what is still to be received (negative: overpaid).';
comment on column crm.receivables.payments_count is 'Number of approved payments.';
comment on column crm.receivables.last_received_on is 'The latest received_on among approved payments, or null.';
comment on column crm.receivables.next_due_on is 'Planned date of the oldest instalment approved payments do not fully cover (overdue when past), or null.';
comment on column crm.receivables.next_due_amount is 'What is left of that instalment.';
comment on column crm.receivables.contract_approved_at is 'When the contract was approved; null before.';
create index if not exists receivables_owner on crm.receivables (owner_id, contract_id) where status = 'approved';
create index if not exists receivables_approved on crm.receivables (contract_id) where status = 'approved';
create index if not exists receivables_customer on crm.receivables (customer_id, contract_id) where status = 'approved';
create index if not exists receivables_due on crm.receivables (next_due_on, contract_id) where status = 'approved';

create table if not exists crm.receivable_plans (
    contract_id         uuid          not null,
    plan_id             uuid          not null,
    instalment          int           not null,
    amount              numeric(20,2) not null,
    planned_on          date          not null,
    method              text,
    remind_days_before  int,
    remind_on           date,
    due_through         numeric(20,2) not null,
    outstanding         numeric(20,2) not null,
    primary key (contract_id, plan_id)
);
comment on table crm.receivable_plans is 'The payment plan''s instalments of each live contract, with what approved payments leave of each (paid oldest first).';
comment on column crm.receivable_plans.remind_on is 'planned_on − remind_days_before: the day the owner is reminded; null: never.';
comment on column crm.receivable_plans.due_through is 'The plan''s amounts up to and including this instalment, in payment order (planned_on, instalment).';
comment on column crm.receivable_plans.outstanding is 'What approved payments have not covered of this instalment (0: paid).';
create index if not exists receivable_plans_by_contract on crm.receivable_plans (contract_id, planned_on);
create index if not exists receivable_plans_remind on crm.receivable_plans (remind_on) where outstanding > 0;
create index if not exists receivable_plans_planned on crm.receivable_plans (planned_on) where outstanding > 0;
