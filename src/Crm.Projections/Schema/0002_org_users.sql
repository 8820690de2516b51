-- Users (employees) of the org module. Credentials are not here: see auth.credentials (0003), so a
-- query or grant on org.users can never leak a password hash.
create table org.users (
    id             uuid        primary key,
    mobile         text        not null,
    display_name   text        not null,
    gender         text        not null,
    email          text,
    department_id  uuid,
    position_id    uuid,
    superior_id    uuid,
    role_ids       uuid[]      not null default '{}',
    is_super_admin boolean     not null default false,
    is_disabled    boolean     not null default false,
    version        bigint      not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
comment on table org.users is 'One row per user (员工) as they are now. Maintained inline with the user stream; users are disabled, never deleted.';
comment on column org.users.id is 'User id: the id of its event stream (UUID v7). The actor id in event metadata.';
comment on column org.users.mobile is 'Mobile number, the sign-in name: digits with an optional leading +, 6..20 characters; unique.';
comment on column org.users.display_name is 'Display name, trimmed, 1..100 characters.';
comment on column org.users.gender is 'unspecified, male or female.';
comment on column org.users.email is 'Email address, or null.';
comment on column org.users.department_id is 'The department (org.departments.id) the user belongs to; null for none (e.g. the first administrator).';
comment on column org.users.position_id is 'The position (org.positions.id), or null. Not checked by a foreign key, like every read-model reference.';
comment on column org.users.superior_id is 'Direct superior (直属上级, org.users.id), or null. The superior chain never has a cycle; data scopes walk it.';
comment on column org.users.role_ids is 'Roles held (org.roles.id); a user may hold several.';
comment on column org.users.is_super_admin is 'Super administrator (超级管理员): every permission, every record. At least one enabled one always exists.';
comment on column org.users.is_disabled is 'Disabled (离职): cannot sign in; existing tokens stop working.';
comment on column org.users.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column org.users.created_at is 'When the user was registered (event time).';
comment on column org.users.updated_at is 'When the user last changed (event time).';

create unique index users_by_mobile on org.users (mobile);
-- Keyset paging by (display_name, id), overall and within a department; the superior walk for data scopes.
create index users_by_name on org.users (display_name, id);
create index users_by_department on org.users (department_id, display_name, id);
create index users_by_superior on org.users (superior_id);
