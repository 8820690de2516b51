-- DASH-3: tasks for analysts (rules: 0210). Left out: name, description, subtasks' titles and comments (free text, often about
-- people), tags and the related records (the counts stay).
create or replace view analytics.tasks as
select t.id, t.owner_id, cardinality(t.participant_ids) as participant_count, t.due_at, t.priority, t.status, t.completed_at,
       t.subtask_count, t.subtasks_done, t.comment_count, t.created_by, t.created_at, t.updated_at
from crm.tasks t;
comment on view analytics.tasks is 'One row per task (任务) as it is now, archived ones included; without its name, description and comments.';
comment on column analytics.tasks.id is 'Task id.';
comment on column analytics.tasks.owner_id is 'User responsible (负责人, analytics.users.id).';
comment on column analytics.tasks.participant_count is 'Number of participants (参与人).';
comment on column analytics.tasks.due_at is 'When it is due, or null.';
comment on column analytics.tasks.priority is 'high, medium, low or none.';
comment on column analytics.tasks.status is 'open, completed or archived.';
comment on column analytics.tasks.completed_at is 'When it was last completed; null while open.';
comment on column analytics.tasks.subtask_count is 'Number of subtasks.';
comment on column analytics.tasks.subtasks_done is 'Number of subtasks ticked off.';
comment on column analytics.tasks.comment_count is 'Number of comments not deleted.';
comment on column analytics.tasks.created_by is 'Who created it (analytics.users.id), or null.';
comment on column analytics.tasks.created_at is 'When the task was created.';
comment on column analytics.tasks.updated_at is 'When the task last changed.';
