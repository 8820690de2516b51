using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Payments;

/// <summary>crm.payments by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class PaymentSql() : RowBinder<PaymentRow>("id",
    "id", "contract_id", "customer_id", "owner_id", "amount", "currency", "received_on", "plan_id", "method", "remark", "status", "submission_id",
    "approved_at", "rejected_reason", "version", "created_at", "updated_at")
{
    public static readonly PaymentSql Binder = new();

    public override PaymentRow Read(RowReader r) => new(
        r.Id("id"), r.Id("contract_id"), r.Id("customer_id"), r.Id("owner_id"),
        new PaymentFields(new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Value<DateOnly>("received_on"), r.IdOrNull("plan_id"),
            r.TextOrNull("method"), r.TextOrNull("remark")),
        r.Text("status"), r.IdOrNull("submission_id"), r.TimeOrNull("approved_at"), r.TextOrNull("rejected_reason"),
        r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(PaymentRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("contract_id", row.ContractId).Set("customer_id", row.CustomerId).Set("owner_id", row.OwnerId)
            .Set("amount", f.Amount.Amount).Set("currency", f.Amount.Currency).Date("received_on", f.ReceivedOn).Id("plan_id", f.PlanId)
            .Text("method", f.Method).Text("remark", f.Remark).Set("status", row.Status).Id("submission_id", row.SubmissionId)
            .Time("approved_at", row.ApprovedAt).Text("rejected_reason", row.RejectedReason)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}
