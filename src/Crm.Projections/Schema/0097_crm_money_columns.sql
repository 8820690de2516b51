-- One width for money in every read model: numeric(20,2), as crm.opportunities and crm.opportunity_lines have. The deals
-- and funnel tables had numeric(18,2); the write side bounds every amount at 1e15 (OpportunityLines.MaxAmount), so both
-- widths hold today's amounts, but one width means a future bound cannot pass one table and fail in another after commit.
alter table crm.customer_deals alter column amount type numeric(20,2);
alter table crm.funnel_opportunities alter column amount type numeric(20,2);
