-- Tasks (WORK-1, WORK-2): one row per task, maintained inline with the task streams. Column names are a contract: analysts query
-- this table with SQL. Rebuilt from the event store, never written by hand. Subtasks, comments, participants and related records
-- live in the row, so a list or the workbench reads one row per task (no query per task).
create table if not exists crm.tasks (
    id              uuid        primary key,
    name            text        not null,
    description     text,
    owner_id        uuid        not null,
    participant_ids uuid[]      not null default '{}',
    due_at          timestamptz,
    priority        text        not null,
    tags            text[]      not null default '{}',
    status          text        not null,
    completed_at    timestamptz,
    related         jsonb       not null default '[]',
    related_keys    text[]      not null default '{}',
    subtasks        jsonb       not null default '[]',
    subtask_count   integer     not null default 0,
    subtasks_done   integer     not null default 0,
    comments        jsonb       not null default '[]',
    comment_count   integer     not null default 0,
    created_by      uuid,
    version         bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
comment on table crm.tasks is 'One row per task (任务) as it is now, archived ones included (status archived). Maintained inline with the task stream.';
comment on column crm.tasks.id is 'Task id: the id of its event stream (UUID v7).';
comment on column crm.tasks.name is 'Task name, trimmed, 1..200 characters.';
comment on column crm.tasks.description is 'Free description, up to 5000 characters.';
comment on column crm.tasks.owner_id is 'User responsible for the task (负责人); data scopes apply to it.';
comment on column crm.tasks.participant_ids is 'Participants (参与人): users who read, complete, comment and tick subtasks; at most 20.';
comment on column crm.tasks.due_at is 'When the task is due (UTC); null: no due date (the workbench inbox).';
comment on column crm.tasks.priority is 'high, medium, low or none.';
comment on column crm.tasks.tags is 'Tags, distinct, each up to 30 characters.';
comment on column crm.tasks.status is 'open, completed or archived.';
comment on column crm.tasks.completed_at is 'When the task was last completed; null while open.';
comment on column crm.tasks.related is 'Records the task is about: [{"kind","id"}], kinds customer, contact, opportunity, contract, lead.';
comment on column crm.tasks.related_keys is 'The related records as "kind:id" texts, for the related-record filter (GIN).';
comment on column crm.tasks.subtasks is 'Subtasks in order: [{"id","title","done"}].';
comment on column crm.tasks.subtask_count is 'Number of subtasks.';
comment on column crm.tasks.subtasks_done is 'Number of subtasks ticked off.';
comment on column crm.tasks.comments is 'Comments oldest first: [{"id","authorId","text","at","editedAt","deleted"}]; a deleted one has no text.';
comment on column crm.tasks.comment_count is 'Number of comments not deleted.';
comment on column crm.tasks.created_by is 'The user who created the task.';
comment on column crm.tasks.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.tasks.created_at is 'When the task was created (event time).';
comment on column crm.tasks.updated_at is 'When the task last changed (event time).';

-- The workbench of one user among a million tasks, queried as two branches (owned; taken part in through the GIN index): their open
-- tasks by due date (each dated bucket is a range of one index), the inbox (due_at null) in id order, the done ones by completion.
create index if not exists tasks_owner_status_due on crm.tasks (owner_id, status, due_at, id);
create index if not exists tasks_owner_inbox on crm.tasks (owner_id, id) where status = 'open' and due_at is null;
create index if not exists tasks_owner_completed on crm.tasks (owner_id, completed_at, id) where status = 'completed';
create index if not exists tasks_participants on crm.tasks using gin (participant_ids);
-- Scoped keyset lists, as for the other records, and the tasks of one related record.
create index if not exists tasks_owner_updated on crm.tasks (owner_id, updated_at, id);
create index if not exists tasks_owner_created on crm.tasks (owner_id, created_at, id);
create index if not exists tasks_owner_name on crm.tasks (owner_id, name, id);
create index if not exists tasks_updated on crm.tasks (updated_at, id);
create index if not exists tasks_created on crm.tasks (created_at, id);
create index if not exists tasks_name on crm.tasks (name, id);
create index if not exists tasks_related on crm.tasks using gin (related_keys);
create index if not exists tasks_name_trgm on crm.tasks using gin (name gin_trgm_ops);

-- A new inline read model in a database with history (docs/event-store.md, "Inline read models: blue/green").
select es.request_backfill('crm.tasks', array[
    'task.created', 'task.edited', 'task.reassigned', 'task.participants-changed', 'task.related-changed', 'task.completed',
    'task.reopened', 'task.archived', 'task.subtask-added', 'task.subtask-renamed', 'task.subtask-completed', 'task.subtask-reopened',
    'task.subtask-removed', 'task.subtasks-reordered', 'task.comment-added', 'task.comment-edited', 'task.comment-deleted']);
