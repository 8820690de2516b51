-- Approval submissions (审批, SAL-4): one row per submission stream, maintained inline.
create table if not exists crm.approvals (
    id               uuid        primary key,
    record_kind      text        not null,
    record_id        uuid        not null,
    record_version   bigint      not null,
    content_hash     text        not null,
    title            text        not null,
    flow_id          uuid,
    flow_version     bigint      not null,
    submitted_by     uuid        not null,
    status           text        not null,
    current_step     integer,
    waiting_for      uuid[]      not null,
    participants     uuid[]      not null,
    steps            jsonb       not null,
    reason           text,
    submitted_at     timestamptz not null,
    ended_at         timestamptz,
    version          bigint      not null,
    created_at       timestamptz not null
);

comment on table crm.approvals is 'One row per approval submission (its own stream), maintained inline: who submitted which version of which record, the steps and each approver''s action.';
comment on column crm.approvals.id is 'Submission id: the id of its event stream.';
comment on column crm.approvals.record_kind is 'contract, payment, …';
comment on column crm.approvals.record_id is 'The record submitted.';
comment on column crm.approvals.record_version is 'The record''s stream version the approvers see (right after its submitted event); an approval binds to it.';
comment on column crm.approvals.content_hash is 'SHA-256 of the record''s approved fields at record_version (docs/approvals.md).';
comment on column crm.approvals.title is 'How inboxes name the record, as it was at submission.';
comment on column crm.approvals.flow_id is 'The flow followed; null when no flow was enabled (approved at once).';
comment on column crm.approvals.flow_version is 'The flow''s stream version followed (0: none).';
comment on column crm.approvals.submitted_by is 'The submitter.';
comment on column crm.approvals.status is 'pending, approved, rejected or withdrawn.';
comment on column crm.approvals.current_step is 'Index (from 0) of the step waiting; null once ended or when there are no steps.';
comment on column crm.approvals.waiting_for is 'Approvers of the current step who have not acted yet ("waiting for me"); empty once ended.';
comment on column crm.approvals.participants is 'Every approver named by any step (as of submission): who may read the submission besides the submitter.';
comment on column crm.approvals.steps is '[{"index","name","approverKind","roleId","mode","approvers":[…],"actions":[{"approverId","action" (approved|rejected),"comment","at"}]}].';
comment on column crm.approvals.reason is 'The rejection reason, once rejected.';
comment on column crm.approvals.submitted_at is 'Time of approval.submitted.';
comment on column crm.approvals.ended_at is 'Time the submission was approved, rejected or withdrawn.';
comment on column crm.approvals.version is 'Version of the submission stream (the ETag).';
comment on column crm.approvals.created_at is 'Time of approval.submitted (row creation).';

-- "Waiting for me" and "mine": array containment through GIN, keyset by (submitted_at, id).
create index if not exists approvals_waiting_for on crm.approvals using gin (waiting_for);
create index if not exists approvals_participants on crm.approvals using gin (participants);
create index if not exists approvals_submitted_by on crm.approvals (submitted_by, submitted_at desc, id desc);
create index if not exists approvals_record on crm.approvals (record_kind, record_id, submitted_at desc);
create index if not exists approvals_submitted_at on crm.approvals (submitted_at desc, id desc);
