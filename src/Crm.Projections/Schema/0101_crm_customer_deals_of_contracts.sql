-- An approved contract is a deal too (SAL-3 → CUS-7/CUS-10): crm.customer_deals holds one row per won opportunity and per approved
-- contract that is not voided; deal_kind says which, and opportunity_id (kept for the analysts' queries) is the deal's stream id.
alter table crm.customer_deals add column if not exists deal_kind text not null default 'opportunity';
comment on column crm.customer_deals.deal_kind is 'opportunity (won) or contract (approved): the kind of the stream opportunity_id names.';
comment on column crm.customer_deals.opportunity_id is 'The deal''s stream id: the won opportunity''s, or the approved contract''s when deal_kind is contract.';
comment on column crm.customer_deals.won_at is 'When the deal was made: the opportunity won, or the contract approved.';
