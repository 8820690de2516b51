-- Read models of leads, customers, contacts and customer teams (LEAD, CUS). Column names are a
-- contract: analysts query these tables with SQL. Rebuilt from the event store, never written by hand.
create schema if not exists crm;
comment on schema crm is 'CRM records read models (leads, customers, contacts, teams); rebuilt from the event store, never written by hand.';

-- Trigram indexes serve the lists' free-text search (name / phone / email contains q).
create extension if not exists pg_trgm;

create table crm.customers (
    id                 uuid        primary key,
    name               text        not null,
    level              text,
    industry           text,
    source             text,
    region             text,
    address            text,
    phone              text,
    email              text,
    website            text,
    remark             text,
    tags               text[]      not null default '{}',
    custom             jsonb       not null default '{}',
    owner_id           uuid,
    department_id      uuid,
    previous_owner_id  uuid,
    locked             boolean     not null default false,
    lead_id            uuid,
    follow_up_status   text        not null,
    last_follow_up_at  timestamptz,
    next_contact_at    timestamptz,
    owned_since        timestamptz,
    pool_entered_at    timestamptz,
    version            bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
comment on table crm.customers is 'One row per customer (客户) as it is now. Maintained inline with the customer stream.';
comment on column crm.customers.id is 'Customer id: the id of its event stream (UUID v7).';
comment on column crm.customers.name is 'Customer (company or person) name, trimmed, 1..100 characters.';
comment on column crm.customers.level is 'Customer level (客户级别), e.g. A / B / C; free text up to 30 characters.';
comment on column crm.customers.industry is 'Industry (客户行业), up to 50 characters.';
comment on column crm.customers.source is 'Where the customer came from (客户来源), up to 50 characters.';
comment on column crm.customers.region is 'Region (地区), up to 50 characters.';
comment on column crm.customers.address is 'Street address, up to 200 characters.';
comment on column crm.customers.phone is 'Phone as entered (digits, +, spaces, dashes, parentheses).';
comment on column crm.customers.email is 'E-mail address as entered.';
comment on column crm.customers.website is 'Web address, always with http:// or https://.';
comment on column crm.customers.remark is 'Free remark, up to 2000 characters.';
comment on column crm.customers.tags is 'Tags (标签), distinct, each up to 30 characters.';
comment on column crm.customers.custom is 'Custom field values (SET-1), keyed by field name; empty until custom fields exist.';
comment on column crm.customers.owner_id is 'User who owns the customer (负责人); null while it is in the public pool (公海).';
comment on column crm.customers.department_id is 'Department of the owner; null until the user read model feeds it (reserved for department data scopes).';
comment on column crm.customers.previous_owner_id is 'The owner before the last transfer, claim, assignment or return to the pool.';
comment on column crm.customers.locked is 'Locked (锁定) customers are never recycled to the public pool.';
comment on column crm.customers.lead_id is 'The lead this customer was converted from, if any.';
comment on column crm.customers.follow_up_status is 'new (no follow-up yet) or in_communication (at least one follow-up); closed_deal comes with contracts.';
comment on column crm.customers.last_follow_up_at is 'Time of the latest follow-up record; recycling rules count days from it.';
comment on column crm.customers.next_contact_at is 'Next contact time of the latest follow-up that set one.';
comment on column crm.customers.owned_since is 'When the current owner got the customer (created, claimed, assigned, transferred); null in the pool.';
comment on column crm.customers.pool_entered_at is 'When the customer last entered the public pool; null while owned.';
comment on column crm.customers.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.customers.created_at is 'When the customer was created (event time).';
comment on column crm.customers.updated_at is 'When the customer last changed (event time).';

-- Scoped keyset lists: (owner_id, sort key, id) per owner; (sort key, id) for the "all" scope and the pool.
create index customers_owner_updated on crm.customers (owner_id, updated_at, id);
create index customers_owner_created on crm.customers (owner_id, created_at, id);
create index customers_owner_name on crm.customers (owner_id, name, id);
create index customers_updated on crm.customers (updated_at, id);
create index customers_created on crm.customers (created_at, id);
create index customers_name on crm.customers (name, id);
create index customers_tags on crm.customers using gin (tags);
-- Free-text search and duplicate detection (same name, phone digits or e-mail, case-insensitive).
create index customers_name_trgm on crm.customers using gin (name gin_trgm_ops);
create index customers_phone_trgm on crm.customers using gin (phone gin_trgm_ops);
create index customers_email_trgm on crm.customers using gin (email gin_trgm_ops);
create index customers_name_lower on crm.customers (lower(name));
create index customers_email_lower on crm.customers (lower(email));
create index customers_phone_digits on crm.customers (regexp_replace(phone, '\D', '', 'g'));

create table crm.customer_team (
    customer_id  uuid        not null,
    user_id      uuid        not null,
    access       text        not null,
    added_at     timestamptz not null,
    primary key (customer_id, user_id)
);
comment on table crm.customer_team is 'Team members (相关团队) of each customer: colleagues who co-maintain it. The owner is never in it.';
comment on column crm.customer_team.access is 'read or read_write.';
comment on column crm.customer_team.added_at is 'When the user joined the team (event time).';
-- "Records where I am a team member" for scoped lists.
create index customer_team_by_user on crm.customer_team (user_id, customer_id);

create table crm.contacts (
    id                 uuid        primary key,
    customer_id        uuid        not null,
    name               text        not null,
    title              text,
    phone              text,
    email              text,
    address            text,
    remark             text,
    custom             jsonb       not null default '{}',
    owner_id           uuid        not null,
    department_id      uuid,
    last_follow_up_at  timestamptz,
    next_contact_at    timestamptz,
    version            bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
comment on table crm.contacts is 'One row per contact person (联系人) of a customer. Maintained inline with the contact stream.';
comment on column crm.contacts.customer_id is 'The customer the contact belongs to. No foreign key: rebuilds replay in feed order.';
comment on column crm.contacts.title is 'Job title (职务), up to 50 characters.';
comment on column crm.contacts.custom is 'Custom field values (SET-1); empty until custom fields exist.';
comment on column crm.contacts.owner_id is 'Owner; follows the customer''s owner when a transfer cascades to contacts.';
comment on column crm.contacts.department_id is 'Department of the owner; reserved, null for now.';
comment on column crm.contacts.version is 'Stream version the row reflects (ETag).';
create index contacts_by_customer on crm.contacts (customer_id, name, id);
create index contacts_owner_updated on crm.contacts (owner_id, updated_at, id);
create index contacts_name_trgm on crm.contacts using gin (name gin_trgm_ops);

create table crm.leads (
    id                      uuid        primary key,
    name                    text        not null,
    company                 text,
    phone                   text,
    email                   text,
    source                  text,
    industry                text,
    level                   text,
    address                 text,
    remark                  text,
    custom                  jsonb       not null default '{}',
    owner_id                uuid,
    department_id           uuid,
    converted_customer_id   uuid,
    converted_contact_id    uuid,
    converted_at            timestamptz,
    last_follow_up_at       timestamptz,
    next_contact_at         timestamptz,
    version                 bigint      not null,
    created_at              timestamptz not null,
    updated_at              timestamptz not null
);
comment on table crm.leads is 'One row per lead (线索). Maintained inline with the lead stream.';
comment on column crm.leads.name is 'Contact name of the lead, 1..100 characters.';
comment on column crm.leads.company is 'Company name; becomes the customer name on conversion.';
comment on column crm.leads.owner_id is 'Owner; null while the lead is in the lead pool (线索池).';
comment on column crm.leads.department_id is 'Department of the owner; reserved, null for now.';
comment on column crm.leads.converted_customer_id is 'The customer the lead was converted into; a converted lead is closed.';
comment on column crm.leads.converted_contact_id is 'The contact created by the conversion, if any.';
comment on column crm.leads.version is 'Stream version the row reflects (ETag).';
create index leads_owner_updated on crm.leads (owner_id, updated_at, id);
create index leads_updated on crm.leads (updated_at, id);
create index leads_name_trgm on crm.leads using gin (name gin_trgm_ops);
create index leads_name_lower on crm.leads (lower(name));
create index leads_email_lower on crm.leads (lower(email));
create index leads_phone_digits on crm.leads (regexp_replace(phone, '\D', '', 'g'));
