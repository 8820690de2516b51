using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Contracts;

/// <summary>crm.contracts by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class ContractSql() : RowBinder<ContractRow>("id",
    "id", "number", "customer_id", "opportunity_id", "name", "signed_on", "starts_on", "ends_on", "signatory_contact_id", "remark", "custom",
    "amount", "amount_set_by_hand", "currency", "status", "submission_id", "approved_version", "approved_at", "voided_at", "void_reason",
    "owner_id", "department_id", "version", "created_at", "updated_at")
{
    public static readonly ContractSql Binder = new();

    protected override string Select(string column) => column == "custom" ? "custom::text" : column;

    public override ContractRow Read(RowReader r)
    {
        var custom = r.TextOrNull("custom");
        return new ContractRow(
            r.Id("id"), r.Text("number"), r.Id("customer_id"), r.IdOrNull("opportunity_id"),
            new ContractFields(r.Text("name"), r.Value<DateOnly?>("signed_on"), r.Value<DateOnly?>("starts_on"), r.Value<DateOnly?>("ends_on"),
                r.IdOrNull("signatory_contact_id"), r.TextOrNull("remark"), custom is null ? null : JsonDocument.Parse(custom).RootElement.Clone()),
            new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Flag("amount_set_by_hand"), r.Text("status"), r.IdOrNull("submission_id"),
            r.Value<long?>("approved_version"), r.TimeOrNull("approved_at"), r.TimeOrNull("voided_at"), r.TextOrNull("void_reason"), r.Id("owner_id"),
            r.IdOrNull("department_id"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));
    }

    public override void Write(ContractRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("number", row.Number).Set("customer_id", row.CustomerId).Id("opportunity_id", row.OpportunityId).Set("name", f.Name)
            .Date("signed_on", f.SignedOn).Date("starts_on", f.StartsOn).Date("ends_on", f.EndsOn).Id("signatory_contact_id", f.SignatoryContactId)
            .Text("remark", f.Remark).Json("custom", f.Custom?.GetRawText()).Set("amount", row.Amount.Amount)
            .Set("amount_set_by_hand", row.AmountSetByHand).Set("currency", row.Amount.Currency).Set("status", row.Status)
            .Id("submission_id", row.SubmissionId).Set("approved_version", row.ApprovedVersion)
            .Time("approved_at", row.ApprovedAt).Time("voided_at", row.VoidedAt).Text("void_reason", row.VoidReason).Set("owner_id", row.OwnerId)
            .Id("department_id", row.DepartmentId).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}
