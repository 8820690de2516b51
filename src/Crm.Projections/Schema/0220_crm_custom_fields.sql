-- SET-1: custom fields administrators define per record kind. One row per field (one stream per field, named by kind and key),
-- retired fields kept: their key is never reused and the values records hold stay readable.
create table if not exists crm.custom_fields (
    id           uuid        primary key,
    kind         text        not null,
    key          text        not null,
    label        text        not null,
    type         text        not null,
    required     boolean     not null,
    is_unique    boolean     not null,
    default_value jsonb,
    options      jsonb       not null,
    position     int         not null,
    retired      boolean     not null,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
comment on table crm.custom_fields is 'One row per custom field (自定义字段, SET-1) of a record kind, retired ones included. Maintained inline.';
comment on column crm.custom_fields.id is 'The field''s stream id: a name-based UUID of kind and key.';
comment on column crm.custom_fields.kind is 'lead, customer, contact, opportunity, contract or product.';
comment on column crm.custom_fields.key is 'The key records store the value under, in their custom jsonb column; never changes.';
comment on column crm.custom_fields.label is 'What forms show.';
comment on column crm.custom_fields.type is 'text, long_text, number, money, date, datetime, single_select, multi_select, boolean, phone, email or user.';
comment on column crm.custom_fields.required is 'A record cannot be created, nor the value cleared, without it.';
comment on column crm.custom_fields.is_unique is 'No two records of the kind hold the same value.';
comment on column crm.custom_fields.default_value is 'The value a new record gets when none is sent (JSON), or null.';
comment on column crm.custom_fields.options is 'A select field''s options in form order: [{"key","label","retired"}]; [] for other types.';
comment on column crm.custom_fields.position is 'Form order among the kind''s custom fields (ascending, then key).';
comment on column crm.custom_fields.retired is 'Retired: hidden from forms and filters, new values refused; stored values stay.';
comment on column crm.custom_fields.version is 'Stream version the row reflects (ETag).';
comment on column crm.custom_fields.created_at is 'When the field was defined (event time).';
comment on column crm.custom_fields.updated_at is 'When the field last changed (event time).';
create unique index if not exists custom_fields_kind_key on crm.custom_fields (kind, key);

select es.request_backfill('crm.custom_fields', array['custom-field.defined', 'custom-field.changed', 'custom-field.retired']);
