-- Approval flows (审批流, SAL-4): one row per live flow, maintained inline with the flow stream.
create table if not exists crm.approval_flows (
    id           uuid        primary key,
    record_kind  text        not null,
    name         text        not null,
    steps        jsonb       not null,
    enabled      boolean     not null,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

comment on table crm.approval_flows is 'One row per approval flow as it is now; a deleted flow has no row (its stream stays). Maintained inline with the flow stream.';
comment on column crm.approval_flows.id is 'Flow id: the id of its event stream.';
comment on column crm.approval_flows.record_kind is 'The record kind the flow approves: contract, payment, …';
comment on column crm.approval_flows.name is 'Flow name, trimmed.';
comment on column crm.approval_flows.steps is 'Ordered steps: [{"name","approverKind" (user|superior|role),"userId","roleId","mode" (any|all)}].';
comment on column crm.approval_flows.enabled is 'Whether submissions of its record kind follow it; at most one enabled flow per kind (guarded by an advisory lock on the kind).';
comment on column crm.approval_flows.version is 'Version of the flow stream (the flow version a submission records, and the ETag).';
comment on column crm.approval_flows.created_at is 'Time of approval-flow.created.';
comment on column crm.approval_flows.updated_at is 'Time of the last event applied to this row.';

create index if not exists approval_flows_kind on crm.approval_flows (record_kind) where enabled;
