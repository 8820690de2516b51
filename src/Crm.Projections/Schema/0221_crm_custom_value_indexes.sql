-- SET-1: filters on custom fields. One GIN index (jsonb_path_ops) per record table serves every equality-like condition on any
-- custom field — eq, in, a select's option, a boolean, isNull false — written as containment (custom @> '{"key": value}'),
-- and the unique check's lookup, without an index per field that administrators would have to create and drop.
-- jsonb_path_ops: smaller and faster for @> than the default operator class, which also serves key-existence (?) we do not use.
create index if not exists customers_custom on crm.customers using gin (custom jsonb_path_ops);
create index if not exists leads_custom on crm.leads using gin (custom jsonb_path_ops);
create index if not exists contacts_custom on crm.contacts using gin (custom jsonb_path_ops);
create index if not exists opportunities_custom on crm.opportunities using gin (custom jsonb_path_ops);
create index if not exists contracts_custom on crm.contracts using gin (custom jsonb_path_ops);
create index if not exists products_custom on crm.products using gin (custom jsonb_path_ops);
