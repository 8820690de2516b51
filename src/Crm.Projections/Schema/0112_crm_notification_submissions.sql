-- The notification inbox's own memory of submissions (who submitted, under which title), so the submitter's "approved" and
-- "rejected" notifications are derived from the submission's events alone: a rebuild writes the same messages.
create table if not exists crm.notification_submissions (
    submission_id  uuid primary key,
    submitted_by   uuid not null,
    record_kind    text not null,
    title          text not null
);
comment on table crm.notification_submissions is 'Maintained inline by crm.notifications from approval.submitted: the submitter and title of each submission.';
comment on column crm.notification_submissions.submission_id is 'The submission (its stream id).';
comment on column crm.notification_submissions.submitted_by is 'Who is told the outcome.';
comment on column crm.notification_submissions.record_kind is 'contract, payment, …';
comment on column crm.notification_submissions.title is 'The record''s title as submitted.';
comment on column crm.notifications.kind is 'customer_transferred, customer_assigned, customer_recycling_warning, customer_recycled, contact_transferred, approval_waiting, approval_approved, approval_rejected.';
