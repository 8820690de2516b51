-- CUS-10's third follow-up status is derived from crm.customer_deals, not stored: say so where analysts read the column.
comment on column crm.customers.follow_up_status is
    'new (no follow-up yet) or in_communication (at least one follow-up). The API shows closed_deal instead while the customer has a row in crm.customer_deals.';
