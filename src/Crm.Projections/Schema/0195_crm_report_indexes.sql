-- Reports (DASH-2) group the records of a date range in SQL, per owner in the caller's scope: each range column gets an index led
-- by the owner (a scoped report reads only its owners' range) and one by the range column alone (an all-records report). The
-- customers' and payment plans' ranges have theirs already (customers_owner_created, payment_plans_owner_due and payment_plans_due).
create index if not exists leads_owner_created on crm.leads (owner_id, created_at);
create index if not exists leads_created on crm.leads (created_at);
create index if not exists follow_ups_by_author on crm.follow_ups (created_by, created_at);
create index if not exists follow_ups_created on crm.follow_ups (created_at);
create index if not exists contracts_owner_approved on crm.contracts (owner_id, approved_at) where status = 'approved';
create index if not exists contracts_approved on crm.contracts (approved_at) where status = 'approved';
create index if not exists payments_owner_received on crm.payments (owner_id, received_on) where status = 'approved';
create index if not exists payments_received on crm.payments (received_on) where status = 'approved';
