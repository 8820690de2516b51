-- Transfers of leads, opportunities and contracts notify the new owner with the record's name as it was then: the notifications
-- subscription keeps their names beside customer, contact and task names from now on. Records that already exist: today's names, once
-- (an erased lead's name is the marker already).
comment on table crm.notification_names is 'Customer, contact, task, lead, opportunity and contract names as of the latest event the notifications subscription handled.';
insert into crm.notification_names (record_id, name) select id, name from crm.leads on conflict (record_id) do nothing;
insert into crm.notification_names (record_id, name) select id, name from crm.opportunities on conflict (record_id) do nothing;
insert into crm.notification_names (record_id, name) select id, name from crm.contracts on conflict (record_id) do nothing;
