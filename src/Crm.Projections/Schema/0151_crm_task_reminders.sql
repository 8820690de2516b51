-- WORK-4's "task due": which tasks' owners were told their task came due (one row per task and due time), claimed by the reminder
-- job in the transaction that hands the notification to the outbox.
create table crm.task_reminders (
    task_id      uuid        not null,
    due_at       timestamptz not null,
    owner_id     uuid        not null,
    reminded_at  timestamptz not null,
    primary key (task_id, due_at)
);
comment on table crm.task_reminders is 'Task-due reminders sent (the reminder job''s own state): a task whose due time moves is reminded again at the new time.';
create index if not exists tasks_open_due on crm.tasks (due_at, id) where status = 'open' and due_at is not null;
