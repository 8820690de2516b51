-- WORK-4's payment-plan reminders: which instalment reminders were sent (one row per instalment and reminder day), claimed by the
-- reminder job in the transaction that hands the notification to the outbox, so each goes out once however many hosts run the job.
create table crm.payment_reminders (
    plan_id      uuid        not null,
    remind_on    date        not null,
    contract_id  uuid        not null,
    owner_id     uuid        not null,
    reminded_at  timestamptz not null,
    primary key (plan_id, remind_on)
);
comment on table crm.payment_reminders is 'Payment-plan reminders sent (the job''s own state): an instalment whose reminder day moves is reminded again on the new day.';
comment on column crm.payment_reminders.owner_id is 'Who was reminded: the contract''s owner then.';
