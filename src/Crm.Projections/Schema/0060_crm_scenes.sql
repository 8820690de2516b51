-- Saved list views (scenes, 场景): one row per live scene, maintained inline with the scene stream.
create table if not exists crm.scenes (
    id          uuid        primary key,
    owner_id    uuid        not null,
    kind        text        not null,
    name        text        not null,
    filter      jsonb,
    sort        text        not null,
    q           text,
    is_default  boolean     not null default false,
    sort_order  integer     not null,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

comment on table crm.scenes is 'One row per saved list view (scene, 场景) as it is now; a deleted scene has no row (its stream stays). Maintained inline with the scene stream.';
comment on column crm.scenes.id is 'Scene id: the id of its event stream (UUID v7).';
comment on column crm.scenes.owner_id is 'The user who saved the scene; only they see or apply it.';
comment on column crm.scenes.kind is 'The list the scene is for: leads, customers or contacts.';
comment on column crm.scenes.name is 'Scene name, trimmed, 1..60 characters; unique per owner and kind, case-insensitively.';
comment on column crm.scenes.filter is 'The filter tree ({"and":[{"field","op","value"}, …]}) exactly as the kind''s search endpoint takes it; null: no filter. Never a data scope.';
comment on column crm.scenes.sort is 'The list sort: updatedAt, createdAt or name, prefixed - for descending.';
comment on column crm.scenes.q is 'Free-text search of the list, or null.';
comment on column crm.scenes.is_default is 'Whether this is the owner''s default scene for the kind; at most one per owner and kind.';
comment on column crm.scenes.sort_order is 'Position among the owner''s scenes of the kind (0 first); ties order by name.';
comment on column crm.scenes.version is 'Version of the scene stream this row reflects (the ETag).';
comment on column crm.scenes.created_at is 'When the scene was saved (time of scene.created).';
comment on column crm.scenes.updated_at is 'Time of the last event applied to this row.';

-- The rules the decider enforces, held by the database too, so two racing requests cannot both win.
-- Deferred to commit: one append (or one rebuild batch) may move the default or swap names between
-- scenes, and the rows are written one by one in whatever order the batch touched them.
alter table crm.scenes add constraint scenes_owner_kind_name
    exclude using btree (owner_id with =, kind with =, (lower(name)) with =) deferrable initially deferred;
alter table crm.scenes add constraint scenes_one_default
    exclude using btree (owner_id with =, kind with =) where (is_default) deferrable initially deferred;
create index if not exists scenes_owner_kind_order on crm.scenes (owner_id, kind, sort_order);
