-- An approved payment changed what is left of a contract's instalments, so the projection rewrote every instalment of the contract
-- on every payment (ops/bench figure 9: the receivables' catch-up at 0.37× a raw read, bound by those writes). What is left of an
-- instalment follows from the instalment's running total and the contract's approved payments (paid oldest first:
-- greatest(0, least(amount, due_through − approved_amount))), so it is no longer stored: the instalments are written only when the
-- plan changes, and crm.receivable_plans becomes a view with the same columns, outstanding computed. No rebuild is needed: the
-- remaining columns keep their values.
drop index if exists crm.receivable_plans_remind;
drop index if exists crm.receivable_plans_planned;
alter table crm.receivable_plans drop column outstanding;
alter table crm.receivable_plans rename to receivable_instalments;
alter table crm.receivable_instalments rename constraint receivable_plans_pkey to receivable_instalments_pkey;
comment on table crm.receivable_instalments is 'The payment plan''s instalments of each live contract as planned (async projection crm.receivables); what payments leave of each: crm.receivable_plans.';
create index receivable_instalments_remind on crm.receivable_instalments (remind_on);
create index receivable_instalments_planned on crm.receivable_instalments (planned_on);

create view crm.receivable_plans as
select i.contract_id, i.plan_id, i.instalment, i.amount, i.planned_on, i.method, i.remind_days_before, i.remind_on, i.due_through,
       greatest(0, least(i.amount, i.due_through - r.approved_amount))::numeric(20,2) as outstanding
from crm.receivable_instalments i
join crm.receivables r on r.contract_id = i.contract_id;
comment on view crm.receivable_plans is 'The payment plan''s instalments of each live contract, with what approved payments leave of each (paid oldest first).';
comment on column crm.receivable_plans.remind_on is 'planned_on − remind_days_before: the day the owner is reminded; null: never.';
comment on column crm.receivable_plans.due_through is 'The plan''s amounts up to and including this instalment, in payment order (planned_on, instalment).';
comment on column crm.receivable_plans.outstanding is 'What approved payments have not covered of this instalment (0: paid).';
