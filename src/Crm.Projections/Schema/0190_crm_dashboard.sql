-- The dashboard's read models (DASH-1), both ASYNC (run by the projection daemon). Counts are kept at four grains (quarter hour,
-- hour, day, month: UTC buckets) so any period between two local midnights of any zone is summed exactly from a few hundred
-- rows at most per user: the months inside it, then the days, hours and quarter hours at its edges (docs/dashboard.md).
create table if not exists crm.dashboard_activity (
    grain              char(1)      not null,
    bucket             timestamptz  not null,
    owner_id           uuid         not null,
    new_leads          int          not null default 0,
    new_customers      int          not null default 0,
    new_contacts       int          not null default 0,
    new_opportunities  int          not null default 0,
    follow_ups         int          not null default 0,
    primary key (grain, bucket, owner_id)
);
comment on table crm.dashboard_activity is 'Dashboard counts per user and UTC bucket at four grains (async projection crm.dashboard_activity: lags the event store by the daemon''s delay; rebuilt from the events). Each event adds one to its bucket at every grain: sum one grain only.';
comment on column crm.dashboard_activity.grain is 'q (15 minutes), h (hour), d (UTC day) or m (UTC month).';
comment on column crm.dashboard_activity.bucket is 'The bucket''s first instant (UTC).';
comment on column crm.dashboard_activity.owner_id is 'The user counted: the new record''s owner (leads, customers, contacts, opportunities), the user who recorded it (follow-ups).';
comment on column crm.dashboard_activity.new_leads is 'lead.created events.';
comment on column crm.dashboard_activity.new_customers is 'customer.created events (by hand, by import or by lead conversion).';
comment on column crm.dashboard_activity.new_contacts is 'contact.created events.';
comment on column crm.dashboard_activity.new_opportunities is 'opportunity.created events.';
comment on column crm.dashboard_activity.follow_ups is 'Follow-ups recorded on leads, customers, contacts and opportunities.';
-- A scope of owners reads each owner's buckets by this index (one descent per owner and range); "everyone" reads by the key.
create index if not exists dashboard_activity_by_owner on crm.dashboard_activity (owner_id, grain, bucket);

-- Target achievement's deals summed per owner, date and currency (days and calendar months of the deal's date), kept by the
-- crm.achievement projection beside crm.achievement_deals from each row's change (old out, new in).
create table if not exists crm.achievement_rollup (
    measure   text           not null,
    grain     char(1)        not null,
    bucket    date           not null,
    owner_id  uuid           not null,
    currency  text           not null,
    amount    numeric(28,2)  not null,
    deals     int            not null,
    primary key (measure, grain, bucket, owner_id, currency)
);
comment on table crm.achievement_rollup is 'Counted deals of crm.achievement_deals summed per measure, owner, currency and day (grain d) or month (grain m) of dated_on. Same projection and lag as crm.achievement_deals.';
comment on column crm.achievement_rollup.measure is 'contract_amount or payments_received.';
comment on column crm.achievement_rollup.grain is 'd (the day) or m (the calendar month, bucket is its first day).';
comment on column crm.achievement_rollup.bucket is 'The day, or the first day of the month.';
comment on column crm.achievement_rollup.owner_id is 'Who the deals count for (crm.achievement_deals.owner_id).';
comment on column crm.achievement_rollup.currency is 'ISO 4217 code: amounts of different currencies are never added.';
comment on column crm.achievement_rollup.amount is 'Sum of the counted deals'' amounts (exact decimal).';
comment on column crm.achievement_rollup.deals is 'How many counted deals (contracts or payments).';
create index if not exists achievement_rollup_by_owner on crm.achievement_rollup (owner_id, measure, grain, bucket);

-- Filled from the deals as they stand: they and the projection's checkpoint agree, so the rollup starts consistent with both.
insert into crm.achievement_rollup (measure, grain, bucket, owner_id, currency, amount, deals)
select measure, g.grain, case g.grain when 'd' then dated_on else date_trunc('month', dated_on)::date end, owner_id, currency, sum(amount), count(*)
from crm.achievement_deals cross join (values ('d'), ('m')) as g(grain)
where counted and dated_on is not null
group by 1, 2, 3, 4, 5
on conflict do nothing;
