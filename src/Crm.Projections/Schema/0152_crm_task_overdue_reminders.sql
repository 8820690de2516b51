-- WORK-4's "task overdue": which tasks' owners were told, a while after the due time, that the task is still open (one row per
-- task and due time), claimed by the reminder job in the transaction that hands the notification to the outbox.
create table crm.task_overdue_reminders (
    task_id      uuid        not null,
    due_at       timestamptz not null,
    owner_id     uuid        not null,
    reminded_at  timestamptz not null,
    primary key (task_id, due_at)
);
comment on table crm.task_overdue_reminders is 'Task-overdue reminders sent (the reminder job''s own state): once per due time; a task whose due time moves can be overdue again.';
