-- crm.receivable_plans is rewritten on every approved payment that changes what is left of an instalment, and each row written
-- costs an entry in every index (ops/bench figure 9: the plans' writes were the largest part of the receivables' catch-up).
-- (contract_id, planned_on) served only reads of one contract's few instalments, which the primary key (contract_id, plan_id)
-- finds as well.
drop index if exists crm.receivable_plans_by_contract;
