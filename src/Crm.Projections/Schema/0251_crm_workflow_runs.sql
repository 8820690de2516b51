-- Workflow runs (SET-3): one row per (workflow, triggering event), written by the run handler (not a projection: the log of side effects
-- done). The unique key is what makes a run happen once however often its message is delivered, on whichever host.
create table if not exists crm.workflow_runs (
    id                uuid        primary key,
    workflow_id       uuid        not null,
    trigger_event_id  uuid        not null,
    event_type        text        not null,
    record_kind       text        not null,
    record_id         uuid        not null,
    quiet_since       timestamptz,
    status            text        not null check (status in ('pending', 'running', 'succeeded', 'failed', 'skipped', 'stopped')),
    reason            text,
    actor_id          uuid,
    chain             uuid[]      not null default '{}',
    actions           jsonb       not null default '[]',
    created_at        timestamptz not null,
    finished_at       timestamptz,
    constraint workflow_runs_once unique (workflow_id, trigger_event_id)
);

comment on table crm.workflow_runs is 'What each workflow run did or why it did nothing: one row per workflow and triggering event (or no-follow-up period).';
comment on column crm.workflow_runs.id is 'The run''s id, derived from the workflow and the triggering event; the request id of the events its actions append.';
comment on column crm.workflow_runs.workflow_id is 'crm.workflows.id (the row may be gone: the workflow was deleted).';
comment on column crm.workflow_runs.trigger_event_id is 'The event that started the run (the causation id of what its actions append); for no_follow_up, an id of the record''s quiet period.';
comment on column crm.workflow_runs.event_type is 'The triggering event''s type, or workflow.no-follow-up for the sweep.';
comment on column crm.workflow_runs.record_kind is 'customer or lead.';
comment on column crm.workflow_runs.record_id is 'The customer or lead the run was about.';
comment on column crm.workflow_runs.quiet_since is 'For no_follow_up: the last follow-up (or creation) the period counts from; one run per period.';
comment on column crm.workflow_runs.status is 'pending (found by the sweep), running, succeeded, failed (an action was refused), skipped (condition not met, out of scope …) or stopped (a loop).';
comment on column crm.workflow_runs.reason is 'Why it was skipped, stopped or failed (a code), null when it succeeded.';
comment on column crm.workflow_runs.actor_id is 'The user the run acted as: the workflow''s author at run time.';
comment on column crm.workflow_runs.chain is 'The workflows whose runs led to this one, oldest first, ending with this workflow (loop detection).';
comment on column crm.workflow_runs.actions is 'Each action''s outcome, in order: [{"type","status","code","message","recordId"}].';
comment on column crm.workflow_runs.created_at is 'When the run was claimed.';
comment on column crm.workflow_runs.finished_at is 'When it ended; null while pending or running.';

create index if not exists workflow_runs_by_workflow on crm.workflow_runs (workflow_id, created_at desc, id desc);
create index if not exists workflow_runs_quiet on crm.workflow_runs (workflow_id, record_id, quiet_since) where quiet_since is not null;

-- The trigger subscription's own state: the rules as the feed has them so far (so an event is matched against the rules that existed
-- when it happened, on every host and in every replay).
create table if not exists crm.workflow_triggers (
    workflow_id  uuid primary key,
    record_kind  text    not null,
    trigger_on   text    not null,
    enabled      boolean not null
);
comment on table crm.workflow_triggers is 'State of the crm.workflow-triggers subscription: each workflow''s trigger as of the subscription''s position in the feed.';
comment on column crm.workflow_triggers.workflow_id is 'crm.workflows.id.';
comment on column crm.workflow_triggers.record_kind is 'customer or lead.';
comment on column crm.workflow_triggers.trigger_on is 'created, edited, transferred, followed_up or no_follow_up (the sweep''s, never matched to events).';
comment on column crm.workflow_triggers.enabled is 'Whether the workflow was enabled at that position.';
