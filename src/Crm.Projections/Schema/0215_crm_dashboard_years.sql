-- A fifth grain for the dashboard's read models: the UTC year (y). A department's year or two years then reads one row per owner
-- and measure for each whole year instead of twelve month rows (docs/dashboard.md, ops/bench figure 14). The year rows are summed
-- from the month rows as they stand, in this migration's transaction: both tables and their projections' checkpoints agree, so the
-- new rows start consistent and the projections keep them from the next event on.
insert into crm.dashboard_activity (grain, bucket, owner_id, new_leads, new_customers, new_contacts, new_opportunities, follow_ups)
select 'y', date_trunc('year', bucket, 'UTC'), owner_id, sum(new_leads), sum(new_customers), sum(new_contacts), sum(new_opportunities),
    sum(follow_ups)
from crm.dashboard_activity where grain = 'm'
group by 2, 3
on conflict do nothing;

insert into crm.achievement_rollup (measure, grain, bucket, owner_id, currency, amount, deals)
select measure, 'y', date_trunc('year', bucket)::date, owner_id, currency, sum(amount), sum(deals)
from crm.achievement_rollup where grain = 'm'
group by 1, 3, 4, 5
on conflict do nothing;

comment on table crm.dashboard_activity is 'Dashboard counts per user and UTC bucket at five grains (async projection crm.dashboard_activity: lags the event store by the daemon''s delay; rebuilt from the events). Each event adds one to its bucket at every grain: sum one grain only.';
comment on column crm.dashboard_activity.grain is 'q (15 minutes), h (hour), d (UTC day), m (UTC month) or y (UTC year).';
comment on table crm.achievement_rollup is 'Counted deals of crm.achievement_deals summed per measure, owner, currency and day (grain d), calendar month (m) or calendar year (y) of dated_on. Same projection and lag as crm.achievement_deals.';
comment on column crm.achievement_rollup.grain is 'd (the day), m (the calendar month) or y (the calendar year); bucket is the first day of it.';
comment on column crm.achievement_rollup.bucket is 'The day, or the first day of the month or year.';
