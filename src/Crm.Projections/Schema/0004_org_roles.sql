-- Roles (ORG-4): a named set of operation permissions plus one data scope.
create table org.roles (
    id           uuid        primary key,
    name         text        not null,
    description  text        not null,
    permissions  text[]      not null,
    data_scope   text        not null,
    is_deleted   boolean     not null default false,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
comment on table org.roles is 'One row per role, deleted ones kept (is_deleted) so users'' old role ids still resolve to a name. Maintained inline with the role stream.';
comment on column org.roles.id is 'Role id: the id of its event stream (UUID v7).';
comment on column org.roles.name is 'Display name, trimmed, 1..100 characters; unique among roles that are not deleted (case-insensitive).';
comment on column org.roles.description is 'Free text, 0..500 characters; empty when none.';
comment on column org.roles.permissions is 'Operation permissions granted, by catalogue name (customer.create, pool.claim …; see docs/permissions.md), sorted.';
comment on column org.roles.data_scope is 'Whose records holders see: self, self_and_subordinates, department, department_and_children or all.';
comment on column org.roles.is_deleted is 'True once the role was deleted; a deleted role grants nothing.';
comment on column org.roles.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column org.roles.created_at is 'When the role was created (event time).';
comment on column org.roles.updated_at is 'When the role last changed (event time).';

-- Keyset paging by (name, id) and the uniqueness check on live names.
create index roles_by_name on org.roles (name, id);
create index roles_by_lower_name on org.roles (lower(name)) where not is_deleted;
