using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Opportunities;

/// <summary>crm.opportunities by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class OpportunitySql() : RowBinder<OpportunityRow>("id",
    "id", "customer_id", "name", "expected_close_date", "source", "remark", "custom", "pipeline_id", "stage_id", "stage_name", "stage_win_rate",
    "outcome", "amount", "amount_set_by_hand", "currency", "weighted_amount", "owner_id", "department_id", "lead_id", "closed_at", "lost_reason",
    "version", "created_at", "updated_at")
{
    public static readonly OpportunitySql Binder = new();

    protected override string Select(string column) => column == "custom" ? "custom::text" : column;

    public override OpportunityRow Read(RowReader r)
    {
        var custom = r.TextOrNull("custom");
        return new OpportunityRow(
            r.Id("id"), r.Id("customer_id"),
            new OpportunityFields(r.Text("name"), r.Value<DateOnly?>("expected_close_date"), r.TextOrNull("source"), r.TextOrNull("remark"),
                custom is null ? null : JsonDocument.Parse(custom).RootElement.Clone()),
            new StageSnapshot(r.Id("pipeline_id"), r.Id("stage_id"), r.Text("stage_name"), r.Value<decimal>("stage_win_rate"), r.Text("outcome")),
            new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Flag("amount_set_by_hand"), r.Id("owner_id"), r.IdOrNull("department_id"),
            r.IdOrNull("lead_id"), r.TimeOrNull("closed_at"), r.TextOrNull("lost_reason"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));
    }

    public override void Write(OpportunityRow row, RowValues v)
    {
        var f = row.Fields;
        v.Set("id", row.Id).Set("customer_id", row.CustomerId).Set("name", f.Name).Date("expected_close_date", f.ExpectedCloseDate)
            .Text("source", f.Source).Text("remark", f.Remark).Json("custom", f.Custom?.GetRawText())
            .Set("pipeline_id", row.Stage.PipelineId).Set("stage_id", row.Stage.StageId).Set("stage_name", row.Stage.Name)
            .Set("stage_win_rate", row.Stage.WinRate).Set("outcome", row.Stage.Outcome).Set("amount", row.Amount.Amount)
            .Set("amount_set_by_hand", row.AmountSetByHand).Set("currency", row.Amount.Currency).Set("weighted_amount", row.WeightedAmount)
            .Set("owner_id", row.OwnerId).Id("department_id", row.DepartmentId).Id("lead_id", row.LeadId).Time("closed_at", row.ClosedAt)
            .Text("lost_reason", row.LostReason).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}
