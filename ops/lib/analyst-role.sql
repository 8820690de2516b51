-- ops/analyst-role's work, in one transaction (psql -1): the role :role may log in to this database and read the views of schema
-- analytics, and nothing else (docs/analytics.md, "The analyst role"). The password comes from the environment, never argv.
\set ON_ERROR_STOP on
\getenv password CRM_ANALYST_PASSWORD
select current_database() as db \gset

select format('create role %I', :'role') where not exists (select from pg_roles where rolname = :'role') \gexec
alter role :"role" with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit connection limit 10
    password :'password';
comment on role :"role" is 'CRM analyst (ops/analyst-role): reads the views of schema analytics, nothing else.';

-- No membership survives: pg_read_all_data would read every table, pg_read_all_stats / pg_monitor other sessions' query text.
select format('revoke %I from %I granted by %I', r.rolname, pg_get_userbyid(m.member), pg_get_userbyid(m.grantor))
  from pg_auth_members m join pg_roles r on r.oid = m.roleid
 where m.member = (select oid from pg_roles where rolname = :'role') \gexec
-- Nor any right granted here before (tables, schemas, functions, default privileges, this database): the role owns nothing
-- (it can create nothing), so this only revokes.
drop owned by :"role";

grant connect on database :"db" to :"role";
grant usage on schema analytics to :"role";
grant select on all tables in schema analytics to :"role";
-- Views later migrations add are readable at once when the migrating role makes them (the schema's owner). Views a blue/green
-- swap makes again keep their grants (ShadowSchema carries them over). Made by another role: run ops/analyst-role again.
select distinct format('alter default privileges for role %I in schema analytics grant select on tables to %I', r, :'role')
  from pg_namespace n, unnest(array[pg_get_userbyid(n.nspowner), current_user::text]) r
 where n.nspname = 'analytics' and pg_has_role(current_user, r, 'member') \gexec

-- Its sessions: only analytics on the search path, read-only, and no query or open transaction that holds a read model's tables
-- for long (a blue/green swap waits for readers' locks, 3 s at a time, 10 times, then fails the rebuild).
alter role :"role" set search_path = analytics;
alter role :"role" set default_transaction_read_only = on;
alter role :"role" set statement_timeout = '15min';
alter role :"role" set idle_in_transaction_session_timeout = '5min';

-- PostgreSQL's defaults give every role (PUBLIC) temporary tables and functions here, and, before version 15, CREATE in schema
-- public: the analyst gets neither. Whoever runs this (the CRM's own role, from CRM_DATABASE) keeps TEMP by a grant of its own.
grant temporary on database :"db" to current_user;
revoke temporary on database :"db" from public;
revoke create on schema public from public;
