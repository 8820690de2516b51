-- Sales pipelines (销售流程): one row per live pipeline, maintained inline with the pipeline stream.
create table if not exists crm.pipelines (
    id          uuid        primary key,
    name        text        not null,
    is_default  boolean     not null default false,
    stages      jsonb       not null,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

comment on table crm.pipelines is 'One row per sales pipeline as it is now; a deleted pipeline has no row (its stream stays). Maintained inline with the pipeline stream.';
comment on column crm.pipelines.id is 'Pipeline id: the id of its event stream (UUID v7).';
comment on column crm.pipelines.name is 'Pipeline name, trimmed; unique case-insensitively.';
comment on column crm.pipelines.is_default is 'Whether new opportunities follow this pipeline unless told otherwise; exactly one pipeline is the default.';
comment on column crm.pipelines.stages is 'The stages in order: [{"stageId","name","winRate" (percent, 0–100),"outcome" (open|won|lost)}]; open stages first, then one won and one lost stage.';
comment on column crm.pipelines.version is 'Version of the pipeline stream this row reflects (the ETag).';
comment on column crm.pipelines.created_at is 'Time of pipeline.created.';
comment on column crm.pipelines.updated_at is 'Time of the last event applied to this row.';

alter table crm.pipelines add constraint pipelines_name_unique
    exclude using btree ((lower(name)) with =) deferrable initially deferred;
alter table crm.pipelines add constraint pipelines_one_default
    exclude using btree (is_default with =) where (is_default) deferrable initially deferred;
