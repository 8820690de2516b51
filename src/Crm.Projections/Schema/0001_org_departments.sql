-- Read models of the org module. Column names are a contract: analysts query these tables with SQL.
create schema if not exists org;
comment on schema org is 'Org module read models (departments); rebuilt from the event store, never written by hand.';

create table org.departments (
    id          uuid        primary key,
    name        text        not null,
    parent_id   uuid,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
comment on table org.departments is 'One row per department: the org tree as it is now. Maintained inline with the department stream.';
comment on column org.departments.id is 'Department id: the id of its event stream (UUID v7).';
comment on column org.departments.name is 'Display name, trimmed, 1..100 characters.';
comment on column org.departments.parent_id is 'The department it belongs to; null at the top level. No foreign key: a rebuild replays in feed order and must not depend on constraint timing.';
comment on column org.departments.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column org.departments.created_at is 'When the department was created (event time).';
comment on column org.departments.updated_at is 'When the department last changed (event time).';

-- Keyset paging of the full list and of one parent's children, both ordered by (name, id).
create index departments_by_name on org.departments (name, id);
create index departments_by_parent on org.departments (parent_id, name, id);
