-- Attachments (issue 14): files on leads, customers, contacts, opportunities, contracts and products (docs/attachments.md).
-- The bytes are stored once per content (SHA-256) in crm.attachment_blobs, written in the transaction of the attachment.added
-- event that first names them; it is storage, not a read model: no rebuild truncates it, and the database's backup covers it.
create table crm.attachment_blobs (
    sha256      bytea       primary key check (length(sha256) = 32),
    size        bigint      not null check (size > 0),
    content     bytea       not null,
    stored_at   timestamptz not null default now()
);
comment on table crm.attachment_blobs is 'Attachment contents, content-addressed: one row per distinct SHA-256, written once (insert … on conflict do nothing). Not a read model: rebuilds never touch it.';
comment on column crm.attachment_blobs.sha256 is 'SHA-256 of content (32 bytes): the key attachment.added events name (as hex).';
comment on column crm.attachment_blobs.size is 'Length of content in bytes.';
comment on column crm.attachment_blobs.content is 'The file''s bytes as uploaded (TOAST-compressed by PostgreSQL where it helps).';
comment on column crm.attachment_blobs.stored_at is 'When the first upload of these bytes committed.';
alter table crm.attachment_blobs alter column content set storage external;

-- One row per live attachment, inline from attachment.added / attachment.removed on the record's stream (and masked by erasures).
create table crm.attachments (
    id            uuid        primary key,
    record_kind   text        not null,
    record_id     uuid        not null,
    file_name     text        not null,
    content_type  text        not null,
    size          bigint      not null,
    sha256        text        not null,
    uploaded_by   uuid,
    uploaded_at   timestamptz not null,
    version       bigint      not null
);
comment on table crm.attachments is 'One row per attachment not deleted, inline from the record''s stream (attachment.added / attachment.removed); a deleted one has no row, its events stay in the record''s history.';
comment on column crm.attachments.id is 'Attachment id (UUID v7), chosen by the server at upload.';
comment on column crm.attachments.record_kind is 'The record''s kind in the API''s words: lead, customer, contact, opportunity, contract, product.';
comment on column crm.attachments.record_id is 'The record (its stream id) the file is attached to.';
comment on column crm.attachments.file_name is 'Sanitised file name; "[erased]" once the record''s personal data was erased.';
comment on column crm.attachments.content_type is 'Media type sniffed from the content at upload (never the client''s label).';
comment on column crm.attachments.size is 'Length in bytes.';
comment on column crm.attachments.sha256 is 'SHA-256 of the content, lower-case hex: crm.attachment_blobs.sha256 (as bytes).';
comment on column crm.attachments.uploaded_by is 'The user who uploaded it (null for a system action).';
comment on column crm.attachments.uploaded_at is 'When it was attached (event time).';
comment on column crm.attachments.version is 'The record''s stream version at the attachment.added event.';

create index attachments_by_record on crm.attachments (record_id, uploaded_at, id);
-- A blob sweep asks whether any attachment still names a content.
create index attachments_by_content on crm.attachments (sha256);

select es.request_backfill('crm.attachments', array['attachment.added', 'attachment.removed',
    'customer.personal-data-erased', 'lead.personal-data-erased', 'contact.personal-data-erased']);
