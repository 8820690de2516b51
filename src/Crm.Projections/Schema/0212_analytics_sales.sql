-- DASH-3: opportunities with their pipelines' stages and their stays in stages, and products (rules: 0210). Left out: remarks,
-- lost reasons (free text), custom fields.
create or replace view analytics.pipeline_stages as
select p.id as pipeline_id, p.name as pipeline_name, p.is_default as pipeline_is_default, (s.ord - 1)::int as position,
       (s.stage ->> 'stageId')::uuid as stage_id, s.stage ->> 'name' as stage_name,
       (s.stage ->> 'winRate')::numeric(5,2) as win_rate, s.stage ->> 'outcome' as outcome
from crm.pipelines p
cross join lateral jsonb_array_elements(p.stages) with ordinality as s(stage, ord);
comment on view analytics.pipeline_stages is
    'The stages of every sales pipeline (销售流程) as configured now, in order: open stages, then won, then lost.';
comment on column analytics.pipeline_stages.pipeline_id is 'Pipeline id.';
comment on column analytics.pipeline_stages.pipeline_name is 'Pipeline name.';
comment on column analytics.pipeline_stages.pipeline_is_default is 'True for the default pipeline of new opportunities.';
comment on column analytics.pipeline_stages.position is 'The stage''s place in the pipeline, from 0: sort a funnel by it.';
comment on column analytics.pipeline_stages.stage_id is 'Stage id (analytics.opportunities.stage_id).';
comment on column analytics.pipeline_stages.stage_name is 'Stage name now.';
comment on column analytics.pipeline_stages.win_rate is 'Win rate in percent (0–100).';
comment on column analytics.pipeline_stages.outcome is 'open, won or lost.';

create or replace view analytics.opportunities as
select o.id, o.customer_id, o.name, o.pipeline_id, o.stage_id, o.stage_name, o.stage_win_rate, o.outcome, o.amount, o.currency,
       o.weighted_amount, o.expected_close_date, o.source, o.owner_id, o.lead_id, o.closed_at, o.created_at, o.updated_at
from crm.opportunities o;
comment on view analytics.opportunities is 'One row per opportunity (商机) as it is now, at its current stage; deleted ones have no row.';
comment on column analytics.opportunities.id is 'Opportunity id.';
comment on column analytics.opportunities.customer_id is 'The customer (analytics.customers.id).';
comment on column analytics.opportunities.name is 'Opportunity name.';
comment on column analytics.opportunities.pipeline_id is 'The pipeline it moves along (analytics.pipeline_stages.pipeline_id).';
comment on column analytics.opportunities.stage_id is 'The current stage (analytics.pipeline_stages.stage_id).';
comment on column analytics.opportunities.stage_name is 'The current stage''s name when the opportunity reached it.';
comment on column analytics.opportunities.stage_win_rate is 'The current stage''s win rate (percent) when reached.';
comment on column analytics.opportunities.outcome is 'open, won or lost.';
comment on column analytics.opportunities.amount is 'Amount, exact decimal, in currency.';
comment on column analytics.opportunities.currency is 'ISO 4217 code of the amount; never add amounts of different currencies.';
comment on column analytics.opportunities.weighted_amount is 'amount × stage_win_rate / 100, rounded to 2 places.';
comment on column analytics.opportunities.expected_close_date is 'Expected close date (预计成交日期), or null.';
comment on column analytics.opportunities.source is 'Where the opportunity came from, or null.';
comment on column analytics.opportunities.owner_id is 'Owner (analytics.users.id).';
comment on column analytics.opportunities.lead_id is 'The lead it was converted from, or null.';
comment on column analytics.opportunities.closed_at is 'When it was won or lost; null while open.';
comment on column analytics.opportunities.created_at is 'When the opportunity was created.';
comment on column analytics.opportunities.updated_at is 'When the opportunity last changed.';

-- From the funnel's insert-only stays (crm.funnel_stays), not from the view crm.funnel_stage_visits: views over views are refused
-- by the blue/green swap. Same left_at rule as that view.
create or replace view analytics.opportunity_stage_visits as
select s.opportunity_id, s.visit, s.pipeline_id, s.stage_id, s.stage_name, s.win_rate, s.outcome, s.entered_at,
       lead(s.entered_at) over (partition by s.opportunity_id order by s.visit) as left_at
from crm.funnel_stays s;
comment on view analytics.opportunity_stage_visits is
    'Every stay of a live opportunity in a stage, in order (from the async funnel projection: lags writes by a few seconds).';
comment on column analytics.opportunity_stage_visits.opportunity_id is 'The opportunity (analytics.opportunities.id).';
comment on column analytics.opportunity_stage_visits.visit is '1, 2, 3 … in the order of the opportunity''s stage events (1: where it was created).';
comment on column analytics.opportunity_stage_visits.pipeline_id is 'The pipeline of the stage.';
comment on column analytics.opportunity_stage_visits.stage_id is 'The stage entered.';
comment on column analytics.opportunity_stage_visits.stage_name is 'Its name when entered.';
comment on column analytics.opportunity_stage_visits.win_rate is 'Its win rate (percent) when entered.';
comment on column analytics.opportunity_stage_visits.outcome is 'open, won or lost.';
comment on column analytics.opportunity_stage_visits.entered_at is 'When the stage was entered.';
comment on column analytics.opportunity_stage_visits.left_at is 'When the next stay began; null while the opportunity is still there.';

create or replace view analytics.opportunity_lines as
select l.opportunity_id, l.line_id, l.position, l.product_id, l.product_name, l.product_code, l.unit, l.quantity, l.unit_price,
       l.discount_percent, l.subtotal, l.currency
from crm.opportunity_lines l;
comment on view analytics.opportunity_lines is
    'The product lines of each live opportunity; product name, code, unit and price as when the line was written.';
comment on column analytics.opportunity_lines.opportunity_id is 'The opportunity (analytics.opportunities.id).';
comment on column analytics.opportunity_lines.line_id is 'Line id.';
comment on column analytics.opportunity_lines.position is 'The line''s place, from 0.';
comment on column analytics.opportunity_lines.product_id is 'The product (analytics.products.id); it may since be off shelf or deleted.';
comment on column analytics.opportunity_lines.product_name is 'Product name when written.';
comment on column analytics.opportunity_lines.product_code is 'Product code when written.';
comment on column analytics.opportunity_lines.unit is 'Unit when written, or null.';
comment on column analytics.opportunity_lines.quantity is 'Quantity.';
comment on column analytics.opportunity_lines.unit_price is 'Unit price.';
comment on column analytics.opportunity_lines.discount_percent is 'Discount in percent, 0–100.';
comment on column analytics.opportunity_lines.subtotal is 'quantity × unit_price × (100 − discount_percent) / 100, rounded to 2 places.';
comment on column analytics.opportunity_lines.currency is 'ISO 4217 code: the opportunity''s currency.';

create or replace view analytics.products as
select p.id, p.code, p.name, p.category_id, c.name as category_name, p.unit, p.price, p.currency, p.on_shelf, p.created_at,
       p.updated_at
from crm.products p
left join crm.product_categories c on c.id = p.category_id;
comment on view analytics.products is
    'One row per live product (产品) with its category''s name; deleted products have no row (their lines keep name and code).';
comment on column analytics.products.id is 'Product id.';
comment on column analytics.products.code is 'Product code, upper case, unique among live products.';
comment on column analytics.products.name is 'Product name.';
comment on column analytics.products.category_id is 'The category id, or null.';
comment on column analytics.products.category_name is 'The category''s name now, or null.';
comment on column analytics.products.unit is 'Unit of sale, or null.';
comment on column analytics.products.price is 'List price.';
comment on column analytics.products.currency is 'ISO 4217 code of the price.';
comment on column analytics.products.on_shelf is 'True while on shelf (上架).';
comment on column analytics.products.created_at is 'When the product was created.';
comment on column analytics.products.updated_at is 'When the product last changed.';
