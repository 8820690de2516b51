-- Record care (SET-4): which records are archived by a clean-up or merged into another. A record with a row here leaves its lists
-- (unless the list asks for archived ones); its own row, detail and history stay as they are.
create table if not exists crm.record_care (
    record_id    uuid        primary key,
    record_kind  text        not null,
    archived_at  timestamptz,
    reason       text,
    merged_into  uuid,
    merged_at    timestamptz
);
comment on table crm.record_care is 'One row per archived or merged record (customers for now). Maintained inline; unarchiving deletes the row of a record not merged.';
comment on column crm.record_care.record_kind is 'customer: the stream type of record_id.';
comment on column crm.record_care.archived_at is 'When it was archived; null when only merged.';
comment on column crm.record_care.reason is 'The reason the archive gave, if any.';
comment on column crm.record_care.merged_into is 'The survivor it was merged into; a merged record takes no more writes.';
create index if not exists record_care_merged_into on crm.record_care (merged_into) where merged_into is not null;

select es.request_backfill('crm.record_care', array['customer.archived', 'customer.unarchived', 'customer.merged-into']);
