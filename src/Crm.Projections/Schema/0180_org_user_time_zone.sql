-- Users get their own time zone (WORK-2/WORK-3: "store UTC, accept offsets, show the user's zone"): the workbench's days and the
-- calendar's default display zone. Every user has UTC until a user.time-zone-changed event says otherwise, so the default fills
-- the existing rows exactly as a rebuild would: no back-fill needed.
alter table org.users add column if not exists time_zone text not null default 'UTC';
comment on column org.users.time_zone is
    'IANA time zone id (the tz database NodaTime ships), UTC until set: where the user''s days begin (workbench, calendar display).';
