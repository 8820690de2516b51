-- Opportunities (商机, SAL-2): the record, its product lines and its team. Column names are a contract: analysts query these
-- tables with SQL. Rebuilt from the event store, never written by hand; all three are maintained inline.
create table if not exists crm.opportunities (
    id                  uuid          primary key,
    customer_id         uuid          not null,
    name                text          not null,
    expected_close_date date,
    source              text,
    remark              text,
    custom              jsonb,
    pipeline_id         uuid          not null,
    stage_id            uuid          not null,
    stage_name          text          not null,
    stage_win_rate      numeric(5,2)  not null,
    outcome             text          not null,
    amount              numeric(20,2) not null,
    amount_set_by_hand  boolean       not null,
    currency            text          not null,
    weighted_amount     numeric(20,2) not null,
    owner_id            uuid          not null,
    department_id       uuid,
    lead_id             uuid,
    closed_at           timestamptz,
    lost_reason         text,
    version             bigint        not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
comment on table crm.opportunities is 'One row per opportunity (商机) as it is now; a deleted one has no row (its stream stays). Maintained inline with the opportunity stream.';
comment on column crm.opportunities.id is 'Opportunity id: the id of its event stream (UUID v7).';
comment on column crm.opportunities.customer_id is 'The customer (crm.customers.id) the opportunity belongs to.';
comment on column crm.opportunities.name is 'Opportunity name, trimmed, 1..100 characters.';
comment on column crm.opportunities.expected_close_date is 'When the deal is expected to close (预计成交日期), or null.';
comment on column crm.opportunities.source is 'Where the opportunity came from, up to 50 characters.';
comment on column crm.opportunities.remark is 'Free remark, up to 2000 characters.';
comment on column crm.opportunities.custom is 'Custom field values as a JSON object, or null.';
comment on column crm.opportunities.pipeline_id is 'The pipeline (crm.pipelines.id) whose stages the opportunity moves along.';
comment on column crm.opportunities.stage_id is 'The current stage id, as the last stage event recorded it.';
comment on column crm.opportunities.stage_name is 'The current stage''s name as it was when the opportunity reached it (a later rename of the stage does not change it).';
comment on column crm.opportunities.stage_win_rate is 'The current stage''s win rate in percent (0–100) as it was when reached.';
comment on column crm.opportunities.outcome is 'open, won or lost: won and lost opportunities are closed.';
comment on column crm.opportunities.amount is 'The amount (exact decimal, 2 places): the lines'' total unless amount_set_by_hand.';
comment on column crm.opportunities.amount_set_by_hand is 'Whether the amount was set by hand (then changed lines leave it alone).';
comment on column crm.opportunities.currency is 'ISO 4217 code of the amount and every line, upper case; one currency per opportunity.';
comment on column crm.opportunities.weighted_amount is 'amount × stage_win_rate / 100, rounded half away from zero to 2 places.';
comment on column crm.opportunities.owner_id is 'User who owns the opportunity (负责人).';
comment on column crm.opportunities.department_id is 'Department of the owner; reserved, null for now (list filters read the owner''s department from org.users).';
comment on column crm.opportunities.lead_id is 'The lead this opportunity was converted from, if any.';
comment on column crm.opportunities.closed_at is 'When it was won or lost; null while open (a reopen clears it).';
comment on column crm.opportunities.lost_reason is 'Why it was lost; null unless outcome is lost.';
comment on column crm.opportunities.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.opportunities.created_at is 'When the opportunity was created (event time).';
comment on column crm.opportunities.updated_at is 'When the opportunity last changed (event time).';

-- Scoped keyset lists, as customers': (owner_id, sort key, id) per owner; (sort key, id) for the all-records scope.
create index if not exists opportunities_owner_updated on crm.opportunities (owner_id, updated_at, id);
create index if not exists opportunities_owner_created on crm.opportunities (owner_id, created_at, id);
create index if not exists opportunities_owner_name on crm.opportunities (owner_id, name, id);
create index if not exists opportunities_updated on crm.opportunities (updated_at, id);
create index if not exists opportunities_created on crm.opportunities (created_at, id);
create index if not exists opportunities_name on crm.opportunities (name, id);
create index if not exists opportunities_by_customer on crm.opportunities (customer_id, updated_at, id);
create index if not exists opportunities_name_trgm on crm.opportunities using gin (name gin_trgm_ops);

create table if not exists crm.opportunity_lines (
    opportunity_id    uuid          not null,
    line_id           uuid          not null,
    position          int           not null,
    product_id        uuid          not null,
    product_name      text          not null,
    product_code      text          not null,
    unit              text,
    quantity          numeric(18,4) not null,
    unit_price        numeric(20,2) not null,
    discount_percent  numeric(5,2)  not null,
    subtotal          numeric(20,2) not null,
    currency          text          not null,
    primary key (opportunity_id, line_id)
);
comment on table crm.opportunity_lines is 'The product lines of each live opportunity, in order. Name, code, unit and price are the snapshot taken when the line was written.';
comment on column crm.opportunity_lines.position is 'The line''s place in the opportunity, from 0.';
comment on column crm.opportunity_lines.product_id is 'The product (crm.products.id); the product may since be off shelf or deleted.';
comment on column crm.opportunity_lines.product_name is 'The product''s name when the line was written.';
comment on column crm.opportunity_lines.product_code is 'The product''s code when the line was written.';
comment on column crm.opportunity_lines.unit is 'The product''s unit when the line was written, or null.';
comment on column crm.opportunity_lines.quantity is 'Quantity, more than 0, up to 4 decimal places.';
comment on column crm.opportunity_lines.unit_price is 'Unit price (default: the product''s list price when written), 2 decimal places.';
comment on column crm.opportunity_lines.discount_percent is 'Discount in percent, 0–100.';
comment on column crm.opportunity_lines.subtotal is 'quantity × unit_price × (100 − discount_percent) / 100, rounded half away from zero to 2 places (by the decider).';
comment on column crm.opportunity_lines.currency is 'The opportunity''s currency.';
create index if not exists opportunity_lines_by_product on crm.opportunity_lines (product_id);

create table if not exists crm.opportunity_team (
    opportunity_id  uuid        not null,
    user_id         uuid        not null,
    access          text        not null,
    added_at        timestamptz not null,
    primary key (opportunity_id, user_id)
);
comment on table crm.opportunity_team is 'Team members (相关团队) of each live opportunity: colleagues who co-maintain it. The owner is never in it.';
comment on column crm.opportunity_team.access is 'read or read_write.';
comment on column crm.opportunity_team.added_at is 'When the user joined the team (event time).';
create index if not exists opportunity_team_by_user on crm.opportunity_team (user_id, opportunity_id);
