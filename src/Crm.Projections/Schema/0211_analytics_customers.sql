-- DASH-3: customers, contacts, leads and follow-ups for analysts (rules: 0210). Left out: phone, e-mail, address, remark,
-- website, custom fields, a lead's and a contact's name (personal data: docs/event-store.md, "Erasure"), follow-up contents.
create or replace view analytics.customers as
select c.id, c.name, c.level, c.industry, c.source, c.region, c.tags, c.owner_id, (c.owner_id is null) as in_pool, c.locked,
       c.lead_id,
       -- As the API shows it (migration 0023): closed_deal while the customer has a deal.
       case when exists (select 1 from crm.customer_deals d where d.customer_id = c.id) then 'closed_deal'
            else c.follow_up_status end as follow_up_status,
       c.last_follow_up_at, c.next_contact_at, c.owned_since, c.pool_entered_at, c.created_at, c.updated_at
from crm.customers c;
comment on view analytics.customers is 'One row per customer (客户) as it is now. No contact details, remark or custom fields.';
comment on column analytics.customers.id is 'Customer id.';
comment on column analytics.customers.name is 'Customer (company) name.';
comment on column analytics.customers.level is 'Customer level (客户级别), e.g. A / B / C, or null.';
comment on column analytics.customers.industry is 'Industry (客户行业), or null.';
comment on column analytics.customers.source is 'Where the customer came from (客户来源), or null.';
comment on column analytics.customers.region is 'Region (地区), or null.';
comment on column analytics.customers.tags is 'Tags (标签).';
comment on column analytics.customers.owner_id is 'Owner (负责人, analytics.users.id); null while in the public pool.';
comment on column analytics.customers.in_pool is 'True while the customer is in the public pool (公海).';
comment on column analytics.customers.locked is 'Locked (锁定) customers are never recycled to the pool.';
comment on column analytics.customers.lead_id is 'The lead it was converted from (analytics.leads.id), or null.';
comment on column analytics.customers.follow_up_status is 'new, in_communication or closed_deal (it has a won opportunity or an approved contract).';
comment on column analytics.customers.last_follow_up_at is 'Time of the latest follow-up, or null.';
comment on column analytics.customers.next_contact_at is 'Next contact time set by the latest follow-up that set one, or null.';
comment on column analytics.customers.owned_since is 'When the current owner got the customer; null in the pool.';
comment on column analytics.customers.pool_entered_at is 'When the customer last entered the pool; null while owned.';
comment on column analytics.customers.created_at is 'When the customer was created.';
comment on column analytics.customers.updated_at is 'When the customer last changed.';

create or replace view analytics.contacts as
select c.id, c.customer_id, c.title, c.owner_id, c.last_follow_up_at, c.created_at, c.updated_at
from crm.contacts c;
comment on view analytics.contacts is 'One row per contact person (联系人) of a customer, without name or contact details (personal data).';
comment on column analytics.contacts.id is 'Contact id.';
comment on column analytics.contacts.customer_id is 'The customer (analytics.customers.id).';
comment on column analytics.contacts.title is 'Job title (职务), or null.';
comment on column analytics.contacts.owner_id is 'Owner (analytics.users.id).';
comment on column analytics.contacts.last_follow_up_at is 'Time of the latest follow-up, or null.';
comment on column analytics.contacts.created_at is 'When the contact was created.';
comment on column analytics.contacts.updated_at is 'When the contact last changed.';

create or replace view analytics.leads as
select l.id, l.company, l.source, l.industry, l.level, l.owner_id, (l.owner_id is null) as in_pool, l.converted_customer_id,
       l.converted_at, l.last_follow_up_at, l.next_contact_at, l.created_at, l.updated_at
from crm.leads l;
comment on view analytics.leads is 'One row per lead (线索). The lead''s name is a person''s and is left out, with its contact details.';
comment on column analytics.leads.id is 'Lead id.';
comment on column analytics.leads.company is 'Company name, or null.';
comment on column analytics.leads.source is 'Where the lead came from (campaign, phone enquiry, referral …), or null.';
comment on column analytics.leads.industry is 'Industry, or null.';
comment on column analytics.leads.level is 'Lead level, or null.';
comment on column analytics.leads.owner_id is 'Owner (analytics.users.id); null while in the lead pool.';
comment on column analytics.leads.in_pool is 'True while the lead is in the lead pool (线索池).';
comment on column analytics.leads.converted_customer_id is 'The customer it was converted into (analytics.customers.id), or null.';
comment on column analytics.leads.converted_at is 'When it was converted; null while not converted.';
comment on column analytics.leads.last_follow_up_at is 'Time of the latest follow-up, or null.';
comment on column analytics.leads.next_contact_at is 'Next contact time set by the latest follow-up that set one, or null.';
comment on column analytics.leads.created_at is 'When the lead was created.';
comment on column analytics.leads.updated_at is 'When the lead last changed.';

create or replace view analytics.follow_ups as
select f.id, f.record_type, f.record_id, f.customer_id, f.kind, f.next_contact_at, f.created_at, f.created_by
from crm.follow_ups f;
comment on view analytics.follow_ups is 'One row per follow-up record (跟进记录) of a lead, customer, contact or opportunity; without its text.';
comment on column analytics.follow_ups.id is 'Follow-up id.';
comment on column analytics.follow_ups.record_type is 'lead, customer, contact or opportunity: the record it was written on.';
comment on column analytics.follow_ups.record_id is 'The id of that record.';
comment on column analytics.follow_ups.customer_id is 'The customer it relates to (the record''s customer); null for leads.';
comment on column analytics.follow_ups.kind is 'Leads: phone, email, visit, sms, chat, other. Others: communication, log, schedule, task, approval.';
comment on column analytics.follow_ups.next_contact_at is 'Next contact time it set, or null.';
comment on column analytics.follow_ups.created_at is 'When it was recorded.';
comment on column analytics.follow_ups.created_by is 'Who recorded it (analytics.users.id); null for system actions.';
