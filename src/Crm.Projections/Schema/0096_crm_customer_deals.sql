-- Deals (成交) per customer: one row per won opportunity that is still won. The customer's last deal
-- (CUS-7's "no deal for M days", "exempt customers with deals", the customer's lastDealAt) is the
-- latest won_at of its rows. Maintained inline with the opportunity stream.
create table if not exists crm.customer_deals (
    opportunity_id  uuid          primary key,
    customer_id     uuid          not null,
    amount          numeric(18,2) not null,
    currency        text          not null,
    won_at          timestamptz   not null,
    created_at      timestamptz   not null
);

comment on table crm.customer_deals is 'One row per won opportunity while it stays won (a reopened or deleted opportunity has no row): the customer''s deals. Maintained inline with the opportunity stream.';
comment on column crm.customer_deals.opportunity_id is 'The won opportunity (its stream id).';
comment on column crm.customer_deals.customer_id is 'The opportunity''s customer (crm.customers.id).';
comment on column crm.customer_deals.amount is 'The opportunity''s amount when it was won.';
comment on column crm.customer_deals.currency is 'ISO 4217 code of the amount.';
comment on column crm.customer_deals.won_at is 'When the opportunity was won (the time opportunity.won carries).';
comment on column crm.customer_deals.created_at is 'Time the row was first written (the first win of this opportunity).';

create index if not exists customer_deals_customer_won on crm.customer_deals (customer_id, won_at desc);
