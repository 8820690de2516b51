-- The sales funnel (SAL-2, DASH-1): opportunities as they are now and every stay in a stage, maintained ASYNC by the
-- projection daemon from the opportunity events alone (each carries its stage as it was: StageSnapshot).
create table crm.funnel_opportunities (
    id               uuid          primary key,
    pipeline_id      uuid          not null,
    stage_id         uuid          not null,
    stage_name       text          not null,
    win_rate         numeric(5,2)  not null,
    outcome          text          not null,
    amount           numeric(18,2) not null,
    currency         text          not null,
    owner_id         uuid          not null,
    visit            int           not null,
    stage_entered_at timestamptz   not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
comment on table crm.funnel_opportunities is 'One row per live opportunity as the funnel counts it (async projection crm.funnel: lags the event store by the daemon''s delay; rebuilt from the events). A deleted opportunity has no row.';
comment on column crm.funnel_opportunities.id is 'Opportunity id (its stream id).';
comment on column crm.funnel_opportunities.pipeline_id is 'The pipeline of the stage the opportunity is at now.';
comment on column crm.funnel_opportunities.stage_id is 'The stage it is at now (open, or the won/lost stage once closed).';
comment on column crm.funnel_opportunities.stage_name is 'That stage''s name as the opportunity''s last stage event recorded it.';
comment on column crm.funnel_opportunities.win_rate is 'That stage''s win rate (percent) as recorded by the last stage event.';
comment on column crm.funnel_opportunities.outcome is 'open, won or lost: the outcome of the stage it is at.';
comment on column crm.funnel_opportunities.amount is 'The opportunity''s amount now (decimal money, 2 places; the won amount once won).';
comment on column crm.funnel_opportunities.currency is 'ISO 4217 code of the amount.';
comment on column crm.funnel_opportunities.owner_id is 'The owner now (after transfers).';
comment on column crm.funnel_opportunities.visit is 'Number of the current stay in crm.funnel_stage_visits (1 = the creation stage).';
comment on column crm.funnel_opportunities.stage_entered_at is 'When the current stage was entered (the stage event''s own time).';
comment on column crm.funnel_opportunities.created_at is 'When the opportunity was created (opportunity.created''s time): the period filter of the funnel.';
comment on column crm.funnel_opportunities.updated_at is 'Time of the last event applied to this row.';

create index funnel_opportunities_by_pipeline on crm.funnel_opportunities (pipeline_id, outcome, owner_id);
create index funnel_opportunities_by_owner on crm.funnel_opportunities (owner_id, created_at);

create table crm.funnel_stage_visits (
    opportunity_id uuid          not null,
    visit          int           not null,
    pipeline_id    uuid          not null,
    stage_id       uuid          not null,
    stage_name     text          not null,
    win_rate       numeric(5,2)  not null,
    outcome        text          not null,
    entered_at     timestamptz   not null,
    left_at        timestamptz,
    primary key (opportunity_id, visit)
);
comment on table crm.funnel_stage_visits is 'Every stay of an opportunity in a stage, in order (async projection crm.funnel). Created, stage-advanced, won, lost and reopened each start a stay and end the one before.';
comment on column crm.funnel_stage_visits.opportunity_id is 'The opportunity.';
comment on column crm.funnel_stage_visits.visit is '1, 2, 3 … in the order of the opportunity''s stage events.';
comment on column crm.funnel_stage_visits.pipeline_id is 'The pipeline of the stage, as the event recorded it.';
comment on column crm.funnel_stage_visits.stage_id is 'The stage entered.';
comment on column crm.funnel_stage_visits.stage_name is 'Its name when entered.';
comment on column crm.funnel_stage_visits.win_rate is 'Its win rate (percent) when entered.';
comment on column crm.funnel_stage_visits.outcome is 'open, won or lost.';
comment on column crm.funnel_stage_visits.entered_at is 'The time of the event that entered the stage.';
comment on column crm.funnel_stage_visits.left_at is 'The time of the next stage event; null while the opportunity is still there.';

create index funnel_stage_visits_by_stage on crm.funnel_stage_visits (pipeline_id, stage_id);
