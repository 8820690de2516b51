-- Sign-in state, apart from org.users so that credentials can be granted and audited separately.
create schema if not exists auth;
comment on schema auth is 'Authentication: credentials (a projection of the user streams) and the keys that protect tokens.';

create table auth.credentials (
    user_id        uuid        primary key,
    password_hash  text        not null,
    security_stamp text        not null,
    updated_at     timestamptz not null
);
comment on table auth.credentials is 'Password hash and security stamp per user, maintained inline from user.password-set and user.disabled. Never exposed by the API.';
comment on column auth.credentials.password_hash is 'ASP.NET Core Identity PasswordHasher v3 hash (PBKDF2).';
comment on column auth.credentials.security_stamp is 'Changes when the password is set or the user is disabled (the event id); tokens carrying an older stamp are refused.';

create table auth.data_protection_keys (
    name       text        primary key,
    xml        text        not null,
    created_at timestamptz not null default now()
);
comment on table auth.data_protection_keys is 'ASP.NET Core data-protection key ring, shared by every host so their tokens are accepted by each other and after restarts.';
