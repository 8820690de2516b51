-- The permission engine's change counter. Every event that can change an access answer (users'
-- roles, department, superior, super-admin or disabled flag; the department tree; roles) bumps it
-- inline, in the transaction that appends the event. Each host keeps an in-memory org snapshot
-- tagged with the counter it was loaded at and reads this one row per request: a different value
-- means the snapshot is stale. Correct across any number of hosts with no messaging: the counter
-- commits exactly when the change does, and it never goes backwards (a rebuild bumps it too).
create table org.access_version (
    singleton  boolean primary key default true check (singleton),
    counter    bigint  not null
);
comment on table org.access_version is 'One row: a counter bumped with every org, user or role event that can change who may do or see what. Not business data.';
comment on column org.access_version.counter is 'Grows by one per appended batch of access-relevant events; hosts reload their org snapshot when it differs from theirs.';
insert into org.access_version (singleton, counter) values (true, 0);
