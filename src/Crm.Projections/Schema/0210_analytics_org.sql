-- DASH-3: the analysts' schema. Views over the read models with stable names and columns, documented in docs/analytics.md
-- (a test compares the two). Rules every analytics view keeps (the why is in docs/analytics.md):
--   * it reads read-model TABLES only: never another view (a blue/green swap of a table drops and makes again the views over
--     it, and refuses a view that other views depend on), never es.*, auth.* or any credential;
--   * it lists its columns (no select *), leaves out personal contact data, free text and custom fields;
--   * it never filters rows (a view that hides rows would need security_barrier, which a swap does not carry over);
--   * it runs with its owner's rights (no security_invoker): analysts need no grant on the tables underneath.
create schema if not exists analytics;
comment on schema analytics is
    'Stable, documented views over the read models for analysts (DASH-3, docs/analytics.md). Read with ops/analyst-role''s role.';

create or replace view analytics.departments as
select d.id, d.name, d.parent_id, d.created_at, d.updated_at
from org.departments d;
comment on view analytics.departments is 'One row per department (部门): the org tree as it is now.';
comment on column analytics.departments.id is 'Department id.';
comment on column analytics.departments.name is 'Display name.';
comment on column analytics.departments.parent_id is 'The parent department (analytics.departments.id); null at the top level.';
comment on column analytics.departments.created_at is 'When the department was created.';
comment on column analytics.departments.updated_at is 'When the department last changed.';

-- Mobile (the sign-in name), e-mail and gender are left out: personal data of employees, of no use to an aggregate.
create or replace view analytics.users as
select u.id, u.display_name, u.department_id, u.position_id, u.superior_id, u.is_disabled, u.created_at, u.updated_at
from org.users u;
comment on view analytics.users is 'One row per user (员工) as they are now; disabled users (离职) stay. No contact details.';
comment on column analytics.users.id is 'User id: the owner_id, created_by … of the other views.';
comment on column analytics.users.display_name is 'Display name.';
comment on column analytics.users.department_id is 'The department (analytics.departments.id), or null.';
comment on column analytics.users.position_id is 'The position (岗位) id, or null.';
comment on column analytics.users.superior_id is 'Direct superior (直属上级, analytics.users.id), or null.';
comment on column analytics.users.is_disabled is 'True when disabled (离职).';
comment on column analytics.users.created_at is 'When the user was registered.';
comment on column analytics.users.updated_at is 'When the user last changed.';
