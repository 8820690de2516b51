-- Task notifications (assigned, made a participant, mentioned in a comment) carry the task's name as it was then: the notifications
-- subscription keeps task names beside customer and contact names from now on. Tasks that already exist: today's names, once.
comment on table crm.notification_names is 'Customer, contact and task names as of the latest event the notifications subscription handled.';
insert into crm.notification_names (record_id, name)
select id, name from crm.tasks
on conflict (record_id) do nothing;
