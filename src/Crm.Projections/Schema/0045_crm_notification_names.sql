-- The names notification messages carry (issue 10): the notifications projection keeps its own copy,
-- fed by customer and contact events, so rebuilt alone it writes each message with the name the record
-- had then, never today's name (crm.customers) or a bare id.
create table crm.notification_names (
    record_id  uuid primary key,
    name       text not null
);
comment on table crm.notification_names is 'Customer and contact names as of the latest event the notifications projection applied; part of crm.notifications.';

-- A database that already has records: seed today's names once; a rebuild of crm.notifications refills it from the events.
insert into crm.notification_names (record_id, name)
select id, name from crm.customers
union all
select id, name from crm.contacts
on conflict (record_id) do nothing;
