-- The org's streams (users, departments, roles) found by their type without reading every stream: "who could see it then"
-- (docs/access.md) folds them whole as of a moment. Partial, so appends of every other stream type maintain nothing more.
create index if not exists streams_of_the_org on es.streams (stream_type, created_at) where stream_type in ('department', 'role', 'user');
