-- Duplicate checks (lead and customer creates, CSV imports) match a lead's company case-insensitively too;
-- without this index each lookup scans crm.leads.
create index if not exists leads_company_lower on crm.leads (lower(company));
