-- Products (SAL-1): one row per live product, maintained inline with the product stream.
create table if not exists crm.products (
    id           uuid          primary key,
    code         text          not null,
    name         text          not null,
    category_id  uuid,
    unit         text,
    price        numeric(18,2) not null,
    currency     text          not null,
    description  text,
    custom       jsonb,
    on_shelf     boolean       not null default false,
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null
);

comment on table crm.products is 'One row per product (SAL-1) as it is now; a deleted product has no row (its stream stays). Maintained inline with the product stream. Products are not owner-scoped.';
comment on column crm.products.id is 'Product id: the id of its event stream (UUID v7).';
comment on column crm.products.code is 'Product code, trimmed and upper-cased; unique among live products.';
comment on column crm.products.name is 'Product name, trimmed.';
comment on column crm.products.category_id is 'The product''s category (crm.product_categories.id), or null.';
comment on column crm.products.unit is 'Unit of sale (piece, set, hour …), free text, or null.';
comment on column crm.products.price is 'List price, exact decimal (never floating point), 2 decimal places.';
comment on column crm.products.currency is 'ISO 4217 code of the price, upper case (CNY, USD …).';
comment on column crm.products.description is 'Free-text description, or null.';
comment on column crm.products.custom is 'Custom fields as a JSON object, or null.';
comment on column crm.products.on_shelf is 'Whether the product is on shelf (上架): only products on shelf can be put on new opportunity and contract lines.';
comment on column crm.products.version is 'Version of the product stream this row reflects (the ETag).';
comment on column crm.products.created_at is 'Time of product.created.';
comment on column crm.products.updated_at is 'Time of the last event applied to this row.';

-- Codes are unique among live products, held by the database too (deferred: one append may swap codes).
alter table crm.products add constraint products_code_unique
    exclude using btree ((upper(code)) with =) deferrable initially deferred;
create index if not exists products_name_id on crm.products (name, id);
create index if not exists products_updated_id on crm.products (updated_at, id);
create index if not exists products_category on crm.products (category_id) where category_id is not null;
