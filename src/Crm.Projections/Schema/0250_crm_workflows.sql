-- Workflow automation (SET-3): the rules, one row per live workflow, maintained inline with the workflow stream.
create table if not exists crm.workflows (
    id              uuid        primary key,
    author_id       uuid        not null,
    name            text        not null,
    enabled         boolean     not null,
    record_kind     text        not null,
    trigger_on      text        not null,
    trigger_days    integer,
    condition       jsonb,
    actions         jsonb       not null,
    webhook_secret  text,
    version         bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

comment on table crm.workflows is 'One row per workflow (automation rule, SET-3) as it is now; a deleted workflow has no row (its stream stays). Inline with the workflow stream.';
comment on column crm.workflows.id is 'Workflow id: the id of its event stream.';
comment on column crm.workflows.author_id is 'The user who created or last changed the rule: its runs act as this user, with their permissions and data scope at run time.';
comment on column crm.workflows.name is 'The rule''s name, 1..80 characters.';
comment on column crm.workflows.enabled is 'Whether the rule runs; a disabled rule is kept but does nothing.';
comment on column crm.workflows.record_kind is 'The records the rule watches: customer or lead.';
comment on column crm.workflows.trigger_on is 'What starts a run: created, edited, transferred, followed_up (an event of the record) or no_follow_up (the sweep).';
comment on column crm.workflows.trigger_days is 'For no_follow_up: the days without a follow-up after which the rule runs; null otherwise.';
comment on column crm.workflows.condition is 'The filter tree the record must match (the lists'' filter over the kind''s fields); null: every record.';
comment on column crm.workflows.actions is 'The actions, in order: [{"type","text","userId","field","value","dueInDays","url"}].';
comment on column crm.workflows.webhook_secret is 'The key webhook bodies are signed with (HMAC-SHA256); never shown by the API.';
comment on column crm.workflows.version is 'Version of the workflow stream this row reflects (the ETag).';
comment on column crm.workflows.created_at is 'When the workflow was created (time of workflow.created).';
comment on column crm.workflows.updated_at is 'Time of the last event applied to this row.';

create index if not exists workflows_trigger on crm.workflows (trigger_on) where enabled;

select es.request_backfill('crm.workflows', array['workflow.created', 'workflow.edited', 'workflow.deleted']);
