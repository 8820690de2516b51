-- Sales briefing counts (DASH-1) per day and user, maintained ASYNC by the projection daemon.
create table crm.daily_counts (
    day                 date   not null,
    owner_id            uuid   not null,
    new_leads           int    not null default 0,
    new_customers       int    not null default 0,
    new_contacts        int    not null default 0,
    follow_ups          int    not null default 0,
    conversions         int    not null default 0,
    customers_recycled  int    not null default 0,
    customers_claimed   int    not null default 0,
    primary key (owner_id, day)
);
comment on table crm.daily_counts is 'Briefing counts per UTC day and user (DASH-1). Async projection crm.daily_counts: lags the event store by the daemon''s delay; rebuilt from the events.';
comment on column crm.daily_counts.day is 'The UTC calendar day of the events counted.';
comment on column crm.daily_counts.owner_id is 'The user the counts belong to: the new record''s owner (leads, customers, contacts), the user who recorded it (follow-ups) or converted it (conversions), the owner who lost the customer (recycled), the claimant (claimed).';
comment on column crm.daily_counts.new_leads is 'lead.created events.';
comment on column crm.daily_counts.new_customers is 'customer.created events (by hand, by import or by lead conversion).';
comment on column crm.daily_counts.new_contacts is 'contact.created events.';
comment on column crm.daily_counts.follow_ups is 'Follow-ups recorded on leads, customers and contacts.';
comment on column crm.daily_counts.conversions is 'lead.converted events.';
comment on column crm.daily_counts.customers_recycled is 'customer.recycled events: customers the user lost to the public pool by a recycling rule.';
comment on column crm.daily_counts.customers_claimed is 'customer.claimed events: customers the user took from the public pool.';

create index daily_counts_by_day on crm.daily_counts (day, owner_id);
