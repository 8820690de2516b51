-- Integration (issue 16): ids of leads, customers, contacts and products in other systems. One row per (kind, system, external id),
-- kept inline from the <kind>.external-id-linked events; the primary key makes a pair map to one record of its kind. The upsert
-- by external id locks the pair inside its append and looks here again (docs/integration.md, "Upsert by external id").
create table if not exists crm.external_ids (
    kind            text        not null,
    system          text        not null,
    external_id     text        not null,
    record_id       uuid        not null,
    linked_version  bigint      not null,
    linked_at       timestamptz not null,
    primary key (kind, system, external_id)
);
comment on table crm.external_ids is
    'Which record of a kind an id in another system maps to: one row per <kind>.external-id-linked event. Maintained inline.';
comment on column crm.external_ids.kind is 'lead, customer, contact or product.';
comment on column crm.external_ids.system is 'The other system''s name, lower case (erp, shop.example …).';
comment on column crm.external_ids.external_id is 'The record''s id in that system, as sent (case-sensitive).';
comment on column crm.external_ids.record_id is 'The record (its stream id).';
comment on column crm.external_ids.linked_version is 'The version of the record''s stream at the linking event: the last event of the append that created it.';
comment on column crm.external_ids.linked_at is 'When the link was written.';
create index if not exists external_ids_record on crm.external_ids (record_id);

-- No history holds these events yet; the call keeps the rule that an inline read model added later is back-filled.
select es.request_backfill('crm.external_ids', array['customer.external-id-linked', 'lead.external-id-linked',
    'contact.external-id-linked', 'product.external-id-linked']);
