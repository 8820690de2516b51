-- Product categories (SAL-1): a tree, one row per live category, maintained inline with the category streams.
create table if not exists crm.product_categories (
    id          uuid        primary key,
    name        text        not null,
    parent_id   uuid,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

comment on table crm.product_categories is 'One row per live product category (SAL-1): the category tree as it is now; a deleted category has no row (its stream stays). Maintained inline with the category stream.';
comment on column crm.product_categories.id is 'Category id: the id of its event stream (UUID v7).';
comment on column crm.product_categories.name is 'Display name, trimmed, 1..100 characters.';
comment on column crm.product_categories.parent_id is 'The parent category; null at the top level. No foreign key: a rebuild replays in feed order.';
comment on column crm.product_categories.version is 'Version of the category stream this row reflects (the ETag).';
comment on column crm.product_categories.created_at is 'Time of product-category.created.';
comment on column crm.product_categories.updated_at is 'Time of the last event applied to this row.';

create index if not exists product_categories_parent on crm.product_categories (parent_id, name, id);

-- Free text of the product list (q) looks inside name and code.
create index if not exists products_name_trgm on crm.products using gin (name gin_trgm_ops);
create index if not exists products_code_trgm on crm.products using gin (code gin_trgm_ops);
