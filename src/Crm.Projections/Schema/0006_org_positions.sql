-- Positions (岗位, ORG-2): job positions inside departments, optionally reporting to a superior position.
create table org.positions (
    id                    uuid        primary key,
    name                  text        not null,
    department_id         uuid        not null,
    superior_position_id  uuid,
    version               bigint      not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
comment on table org.positions is 'One row per live position; a deleted position leaves the table (its stream keeps the history). Maintained inline with the position stream.';
comment on column org.positions.id is 'Position id: the id of its event stream (UUID v7). Users point at it with org.users.position_id.';
comment on column org.positions.name is 'Display name, trimmed, 1..100 characters.';
comment on column org.positions.department_id is 'The department (org.departments.id) the position belongs to.';
comment on column org.positions.superior_position_id is 'The position it reports to (org.positions.id), or null. The chain never has a cycle.';
comment on column org.positions.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column org.positions.created_at is 'When the position was created (event time).';
comment on column org.positions.updated_at is 'When the position last changed (event time).';

-- Keyset paging per department and overall by (name, id); the "is anything under it?" checks.
create index positions_by_department on org.positions (department_id, name, id);
create index positions_by_name on org.positions (name, id);
create index positions_by_superior on org.positions (superior_position_id);
