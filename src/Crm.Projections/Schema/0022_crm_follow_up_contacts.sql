-- The follow-ups projection's own record of which customer each contact belongs to. It read
-- crm.contacts before, which is another projection's table: when projections are rebuilt (each on its
-- own, in parallel) crm.contacts can be empty or behind, and contact follow-ups lost their customer.
-- A projection reads only its own tables.
create table crm.follow_up_contacts (
    contact_id   uuid primary key,
    customer_id  uuid not null
);
comment on table crm.follow_up_contacts is 'Contact → customer, kept by the follow-ups projection for filing contact follow-ups under their customer. Internal to that projection.';

-- Existing databases: fill it from the contacts projection once, as it is now.
insert into crm.follow_up_contacts (contact_id, customer_id) select id, customer_id from crm.contacts on conflict do nothing;
