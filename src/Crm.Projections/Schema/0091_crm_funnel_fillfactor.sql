-- The funnel projection updates each opportunity's row on every stage event and closes the previous stay (left_at) of
-- crm.funnel_stage_visits. With full pages every such update was a new tuple on another page plus an entry in each index
-- (ops/bench figure 8: the two upserts took 0.5–0.7 s per 5,000 events). Room on the page lets PostgreSQL update in place
-- (HOT) whenever no indexed column changes — all but the close of an opportunity, which changes its outcome.
-- Applies to rows written from now on: a rebuild (truncate and re-project) lays every row out this way.
alter table crm.funnel_opportunities set (fillfactor = 70);
alter table crm.funnel_stage_visits set (fillfactor = 70);
