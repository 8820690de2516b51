-- Opportunities' follow-ups (SAL-2) share crm.follow_ups: filed under the opportunity and under its customer.
comment on column crm.follow_ups.record_type is 'lead, customer, contact or opportunity: the stream the follow-up was recorded on.';
comment on column crm.follow_ups.record_id is 'Id of the lead, customer, contact or opportunity.';
comment on column crm.follow_ups.customer_id is 'The customer it relates to: the customer itself, the contact''s or the opportunity''s customer; null for leads. A customer''s detail lists these.';
comment on column crm.follow_ups.kind is 'Leads: phone, email, visit, sms, chat, other. Customers, contacts and opportunities: communication, log, schedule, task, approval.';
