-- CUS-10's third follow-up status is derived from crm.customer_deals, not stored: say so where analysts read the column.
comment on column crm.customers.follow_up_status is
    'new (no follow-up yet) or in_communication (at least one). The API shows closed_deal while crm.customer_deals has a row of the customer.';
