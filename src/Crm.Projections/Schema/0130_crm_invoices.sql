-- Invoices (发票, SAL-7): one row per live invoice, maintained inline with the invoice stream (a client reads its own writes,
-- and the invoiceable check sums these rows under the contract's lock inside the append's transaction).
create table if not exists crm.invoices (
    id              uuid          primary key,
    contract_id     uuid          not null,
    customer_id     uuid          not null,
    amount          numeric(20,2) not null,
    currency        text          not null,
    title           text          not null,
    tax_number      text          not null,
    type            text          not null,
    remark          text,
    status          text          not null,
    owner_id        uuid          not null,
    requested_by    uuid          not null,
    submission_id   uuid,
    invoice_number  text,
    issued_on       date,
    version         bigint        not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null
);
comment on table crm.invoices is 'One row per invoice (发票) as it is now; a deleted one has no row (its stream stays). Maintained inline with the invoice stream.';
comment on column crm.invoices.id is 'Invoice id: the id of its event stream (UUID v7).';
comment on column crm.invoices.contract_id is 'The contract invoiced (crm.contracts.id); approved when the invoice was requested.';
comment on column crm.invoices.customer_id is 'The contract''s customer.';
comment on column crm.invoices.amount is 'The amount invoiced (exact decimal, 2 places, more than 0).';
comment on column crm.invoices.currency is 'ISO 4217 code: always the contract''s currency.';
comment on column crm.invoices.title is 'The buyer''s name as printed (发票抬头).';
comment on column crm.invoices.tax_number is 'The buyer''s taxpayer id (纳税人识别号), upper case, 15, 18 or 20 letters and digits.';
comment on column crm.invoices.type is 'vat_special (增值税专用发票), vat_ordinary (增值税普通发票) or other.';
comment on column crm.invoices.remark is 'Free remark, up to 500 characters.';
comment on column crm.invoices.status is 'draft, pending, approved, rejected or issued. All but rejected count against the contract''s invoiceable amount.';
comment on column crm.invoices.owner_id is 'The contract''s owner when the invoice was requested: whose data scope reaches the invoice.';
comment on column crm.invoices.requested_by is 'The user who requested the invoice: their data scope reaches it too.';
comment on column crm.invoices.submission_id is 'The approval submission in progress or last ended; null before the first.';
comment on column crm.invoices.invoice_number is 'The number printed on the issued invoice; null until issued.';
comment on column crm.invoices.issued_on is 'The date the invoice was issued; null until issued.';
comment on column crm.invoices.version is 'Stream version the row reflects: the ETag clients send back in If-Match.';
comment on column crm.invoices.created_at is 'When the invoice was requested (event time).';
comment on column crm.invoices.updated_at is 'When the invoice last changed (event time).';

create index if not exists invoices_by_contract on crm.invoices (contract_id, id);
create index if not exists invoices_by_owner on crm.invoices (owner_id, id);
create index if not exists invoices_by_requester on crm.invoices (requested_by, id);
