-- The funnel of everyone answers from day rollups (ops/bench figure 8: summing 200,000 opportunities and 1,200,000 stays per
-- request took 20 s; the rollups hold one row per pipeline, creation day, stage, and outcome and currency). The projection keeps
-- them exact: for every opportunity a batch touches it subtracts what the opportunity counted before and adds what it counts
-- after. The funnel of a scope of owners sums the scope's own rows of crm.funnel_opportunities, which now carry what each
-- opportunity adds to the flow (flow_* arrays, one element per open stage it entered), kept up to date stay by stay. The stays
-- become insert-only (crm.funnel_stays): an event no longer closes the stay before it; crm.funnel_stage_visits stays readable,
-- as a view of the same columns.
-- All of it is rebuilt from the events: the projection is marked for a rebuild below.

drop table crm.funnel_stage_visits;
drop index if exists crm.funnel_opportunities_by_pipeline;
drop index if exists crm.funnel_opportunities_by_owner;
truncate crm.funnel_opportunities;
alter table crm.funnel_opportunities add column flow_stage_ids uuid[] not null default '{}',
    add column flow_converted int[] not null default '{}', add column flow_completed int[] not null default '{}',
    add column flow_seconds numeric(30,6)[] not null default '{}';
comment on column crm.funnel_opportunities.flow_stage_ids is 'The open stages of its pipeline it entered (the flow_* arrays run in parallel).';
comment on column crm.funnel_opportunities.flow_converted is '1 when it converted from that stage: a later stay in the same pipeline at a stage placed after it (as crm.funnel_pipeline_stages orders them), or a win; else 0.';
comment on column crm.funnel_opportunities.flow_completed is 'Its stays at that stage that ended.';
comment on column crm.funnel_opportunities.flow_seconds is 'Their summed length in seconds.';
comment on column crm.funnel_opportunities.visit is 'Number of stays so far (the current one is crm.funnel_stays'' row of this visit).';
create index funnel_opportunities_by_owner on crm.funnel_opportunities (pipeline_id, owner_id);

-- Insert-only: a stage event adds a stay and never rewrites the one before (its end is the next stay's start).
create table crm.funnel_stays (
    opportunity_id uuid          not null,
    visit          int           not null,
    pipeline_id    uuid          not null,
    stage_id       uuid          not null,
    stage_name     text          not null,
    win_rate       numeric(5,2)  not null,
    outcome        text          not null,
    entered_at     timestamptz   not null,
    primary key (opportunity_id, visit)
);
comment on table crm.funnel_stays is 'Every stay of a live opportunity in a stage, in order, as its stage event recorded the stage (async projection crm.funnel). Created, stage-advanced, won, lost and reopened each start a stay.';

create view crm.funnel_stage_visits as
select s.opportunity_id, s.visit, s.pipeline_id, s.stage_id, s.stage_name, s.win_rate, s.outcome, s.entered_at,
       lead(s.entered_at) over (partition by s.opportunity_id order by s.visit) as left_at
from crm.funnel_stays s;
comment on view crm.funnel_stage_visits is 'crm.funnel_stays with the end of each stay: left_at, the next stay''s entered_at (null while the opportunity is still there).';

-- The open stages of each pipeline in their order, from the pipeline events: a conversion is a later stay at a stage placed after.
create table crm.funnel_pipeline_stages (
    pipeline_id uuid not null,
    stage_id    uuid not null,
    position    int  not null,
    primary key (pipeline_id, stage_id)
);
comment on table crm.funnel_pipeline_stages is 'Open stages of each pipeline and their 0-based place as the pipeline''s last stage event set them (async projection crm.funnel). When the order changes, the projection recounts that pipeline''s conversions.';

-- The name and win rate a stage was last entered with: the funnel's label for a stage the pipeline no longer has.
create table crm.funnel_stage_names (
    pipeline_id uuid         not null,
    stage_id    uuid         not null,
    stage_name  text         not null,
    win_rate    numeric(5,2) not null,
    entered_at     timestamptz  not null,
    opportunity_id uuid         not null,
    primary key (pipeline_id, stage_id)
);
comment on table crm.funnel_stage_names is 'Per stage ever entered: the name and win rate of its latest entry (entered_at; ties: the greater opportunity_id).';

-- Now: opportunities per stage, outcome and currency.
create table crm.funnel_counts (
    pipeline_id   uuid          not null,
    created_on    date          not null,
    stage_id      uuid          not null,
    outcome       text          not null,
    currency      text          not null,
    opportunities bigint        not null,
    amount        numeric(22,2) not null,
    weighted      numeric(30,6) not null,
    primary key (pipeline_id, created_on, stage_id, outcome, currency)
);
comment on table crm.funnel_counts is 'Live opportunities of a pipeline now, per creation day (UTC), stage, outcome and currency: how many, their amount and amount × recorded win rate / 100 (unrounded). Async projection crm.funnel.';

-- From the stays: per open stage, opportunities that entered it, converted (a later stay in the same pipeline at a stage placed
-- after it, or a win), stays that ended and their length in seconds.
create table crm.funnel_flow (
    pipeline_id       uuid    not null,
    created_on        date    not null,
    stage_id          uuid    not null,
    entered           bigint  not null,
    converted         bigint  not null,
    completed         bigint  not null,
    completed_seconds numeric(30,6) not null,
    primary key (pipeline_id, created_on, stage_id)
);
comment on table crm.funnel_flow is 'Per pipeline, creation day (UTC) of the opportunities and open stage: entered and converted opportunities, completed stays and their summed seconds (average = completed_seconds / completed). Async projection crm.funnel.';

-- Rows whose count fell to zero are deleted by the projection after each batch: these find them without a scan.
create index funnel_counts_empty on crm.funnel_counts (pipeline_id) where opportunities = 0;
create index funnel_flow_empty on crm.funnel_flow (pipeline_id) where entered = 0;

-- The rows above were dropped with the old shape: replay the funnel from the first event.
update es.projection_checkpoints set status = 'rebuild_requested', updated_at = now() where name = 'crm.funnel';
