using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Invoices;

/// <summary>crm.invoices by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class InvoiceSql() : RowBinder<InvoiceRow>("id",
    "id", "contract_id", "customer_id", "amount", "currency", "title", "tax_number", "type", "remark", "status", "owner_id", "requested_by",
    "submission_id", "invoice_number", "issued_on", "version", "created_at", "updated_at")
{
    public static readonly InvoiceSql Binder = new();

    public override InvoiceRow Read(RowReader r) => new(
        r.Id("id"), r.Id("contract_id"), r.Id("customer_id"), new Money(r.Value<decimal>("amount"), r.Text("currency")),
        new InvoiceFields(r.Text("title"), r.Text("tax_number"), r.Text("type"), r.TextOrNull("remark")), r.Text("status"), r.Id("owner_id"),
        r.Id("requested_by"), r.IdOrNull("submission_id"), r.TextOrNull("invoice_number"), r.Value<DateOnly?>("issued_on"), r.Long("version"),
        r.Time("created_at"), r.Time("updated_at"));

    public override void Write(InvoiceRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("contract_id", row.ContractId).Set("customer_id", row.CustomerId).Set("amount", row.Amount.Amount)
            .Set("currency", row.Amount.Currency).Set("title", f.Title).Set("tax_number", f.TaxNumber).Set("type", f.Type).Text("remark", f.Remark)
            .Set("status", row.Status).Set("owner_id", row.OwnerId).Set("requested_by", row.RequestedBy).Id("submission_id", row.SubmissionId)
            .Text("invoice_number", row.InvoiceNumber).Date("issued_on", row.IssuedOn).Set("version", row.Version).Set("created_at", row.CreatedAt)
            .Set("updated_at", row.UpdatedAt);
    }
}
