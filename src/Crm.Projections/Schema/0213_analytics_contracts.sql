-- DASH-3: contracts, their lines, payment plans, payments and sales targets (rules: 0210). Left out: remarks, void and rejection
-- reasons (free text), custom fields, approval bookkeeping (submission ids, approved versions).
create or replace view analytics.contracts as
select c.id, c.number, c.customer_id, c.opportunity_id, c.name, c.signed_on, c.starts_on, c.ends_on, c.amount, c.currency,
       c.status, c.approved_at, c.voided_at, c.owner_id, c.created_at, c.updated_at
from crm.contracts c;
comment on view analytics.contracts is 'One row per contract (合同) as it is now; deleted ones have no row. Only approved contracts are deals.';
comment on column analytics.contracts.id is 'Contract id.';
comment on column analytics.contracts.number is 'Contract number (合同编号), unique.';
comment on column analytics.contracts.customer_id is 'The customer (analytics.customers.id).';
comment on column analytics.contracts.opportunity_id is 'The opportunity it came from (analytics.opportunities.id), or null.';
comment on column analytics.contracts.name is 'Contract name.';
comment on column analytics.contracts.signed_on is 'When it was signed, or null.';
comment on column analytics.contracts.starts_on is 'First day it runs, or null.';
comment on column analytics.contracts.ends_on is 'Last day it runs, or null.';
comment on column analytics.contracts.amount is 'Amount, exact decimal, in currency.';
comment on column analytics.contracts.currency is 'ISO 4217 code of the amount, its lines, plans and payments.';
comment on column analytics.contracts.status is 'draft, pending, approved, rejected or voided.';
comment on column analytics.contracts.approved_at is 'When it was approved, or null.';
comment on column analytics.contracts.voided_at is 'When it was voided, or null.';
comment on column analytics.contracts.owner_id is 'Owner (analytics.users.id).';
comment on column analytics.contracts.created_at is 'When the contract was created.';
comment on column analytics.contracts.updated_at is 'When the contract last changed.';

create or replace view analytics.contract_lines as
select l.contract_id, l.line_id, l.position, l.product_id, l.product_name, l.product_code, l.unit, l.quantity, l.unit_price,
       l.discount_percent, l.subtotal, l.currency
from crm.contract_lines l;
comment on view analytics.contract_lines is
    'The product lines of each live contract; product name, code, unit and price as when the line was written.';
comment on column analytics.contract_lines.contract_id is 'The contract (analytics.contracts.id).';
comment on column analytics.contract_lines.line_id is 'Line id.';
comment on column analytics.contract_lines.position is 'The line''s place, from 0.';
comment on column analytics.contract_lines.product_id is 'The product (analytics.products.id); it may since be off shelf or deleted.';
comment on column analytics.contract_lines.product_name is 'Product name when written.';
comment on column analytics.contract_lines.product_code is 'Product code when written.';
comment on column analytics.contract_lines.unit is 'Unit when written, or null.';
comment on column analytics.contract_lines.quantity is 'Quantity.';
comment on column analytics.contract_lines.unit_price is 'Unit price.';
comment on column analytics.contract_lines.discount_percent is 'Discount in percent, 0–100.';
comment on column analytics.contract_lines.subtotal is 'quantity × unit_price × (100 − discount_percent) / 100, rounded to 2 places.';
comment on column analytics.contract_lines.currency is 'ISO 4217 code: the contract''s currency.';

-- What approved payments leave of each instalment, oldest first, from the inline tables (so no lag): the rule of
-- crm.receivable_plans (migration 0123), which is a view and so cannot be read by another.
create or replace view analytics.payment_plans as
select p.plan_id, p.contract_id, p.owner_id, p.instalment, p.amount, p.currency, p.planned_on, p.method,
       greatest(0, least(p.amount, sum(p.amount) over (partition by p.contract_id order by p.planned_on, p.instalment)
                                   - coalesce(paid.amount, 0)))::numeric(20,2) as outstanding,
       p.created_at, p.updated_at
from crm.payment_plans p
left join (select contract_id, sum(amount) as amount from crm.payments where status = 'approved' group by contract_id) paid
       on paid.contract_id = p.contract_id;
comment on view analytics.payment_plans is
    'The payment plan (回款计划) of each live contract, one row per instalment, with what approved payments leave of it.';
comment on column analytics.payment_plans.plan_id is 'Instalment id (analytics.payments.plan_id).';
comment on column analytics.payment_plans.contract_id is 'The contract (analytics.contracts.id).';
comment on column analytics.payment_plans.owner_id is 'The contract''s owner (analytics.users.id).';
comment on column analytics.payment_plans.instalment is 'Instalment number (期数) within the contract.';
comment on column analytics.payment_plans.amount is 'Planned amount.';
comment on column analytics.payment_plans.currency is 'ISO 4217 code: the contract''s currency.';
comment on column analytics.payment_plans.planned_on is 'When the money is due.';
comment on column analytics.payment_plans.method is 'Planned payment method, or null.';
comment on column analytics.payment_plans.outstanding is
    'What the contract''s approved payments leave unpaid of this instalment, paying instalments oldest first (0: paid).';
comment on column analytics.payment_plans.created_at is 'When the instalment was planned.';
comment on column analytics.payment_plans.updated_at is 'When the instalment last changed.';

create or replace view analytics.payments as
select p.id, p.contract_id, p.customer_id, p.owner_id, p.amount, p.currency, p.received_on, p.plan_id, p.method, p.status,
       p.approved_at, p.created_at, p.updated_at
from crm.payments p;
comment on view analytics.payments is 'One row per payment (回款) as it is now; deleted ones have no row. Only approved payments count as received.';
comment on column analytics.payments.id is 'Payment id.';
comment on column analytics.payments.contract_id is 'The contract (analytics.contracts.id).';
comment on column analytics.payments.customer_id is 'The contract''s customer (analytics.customers.id).';
comment on column analytics.payments.owner_id is 'The contract''s owner now (analytics.users.id).';
comment on column analytics.payments.amount is 'Amount received, exact decimal, in currency.';
comment on column analytics.payments.currency is 'ISO 4217 code: the contract''s currency.';
comment on column analytics.payments.received_on is 'The day the money was received.';
comment on column analytics.payments.plan_id is 'The instalment it pays (analytics.payment_plans.plan_id), or null.';
comment on column analytics.payments.method is 'How it was paid (bank transfer, cash …), or null.';
comment on column analytics.payments.status is 'draft, pending, approved or rejected.';
comment on column analytics.payments.approved_at is 'When it was approved, or null.';
comment on column analytics.payments.created_at is 'When the payment was recorded.';
comment on column analytics.payments.updated_at is 'When the payment last changed.';

create or replace view analytics.targets as
select t.id, t.subject_kind, t.subject_id, t.measure, t.year, t.period, t.period_no, t.starts_on, t.ends_before, t.amount,
       t.currency
from crm.targets t;
comment on view analytics.targets is 'One row per live sales target (销售目标) of a user or a department.';
comment on column analytics.targets.id is 'Target id.';
comment on column analytics.targets.subject_kind is 'user or department.';
comment on column analytics.targets.subject_id is 'The user (analytics.users.id) or department (analytics.departments.id).';
comment on column analytics.targets.measure is
    'contract_amount (approved contracts, by signing date, else approval date) or payments_received (approved payments).';
comment on column analytics.targets.year is 'Calendar year of the period.';
comment on column analytics.targets.period is 'year, quarter or month.';
comment on column analytics.targets.period_no is '1–4 for a quarter, 1–12 for a month; null for a year.';
comment on column analytics.targets.starts_on is 'The period''s first day.';
comment on column analytics.targets.ends_before is 'The day after the period''s last day.';
comment on column analytics.targets.amount is 'The amount to reach.';
comment on column analytics.targets.currency is 'ISO 4217 code; only deals in this currency count.';
