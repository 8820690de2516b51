using System.Text.Json;
using Crm.Projections.Tables;

namespace Crm.Projections.Approvals;

/// <summary>crm.approvals by column name, shared by the projection and the queries.</summary>
internal sealed class ApprovalSql() : RowBinder<ApprovalRow>("id", "id", "record_kind", "record_id", "record_version", "content_hash", "title", "flow_id",
    "flow_version", "submitted_by", "status", "current_step", "waiting_for", "participants", "steps", "reason", "submitted_at", "ended_at", "version",
    "created_at")
{
    public static readonly ApprovalSql Binder = new();

    protected override string Select(string column) => column == "steps" ? "steps::text" : column;

    public override ApprovalRow Read(RowReader r) => new(
        r.Id("id"), r.Text("record_kind"), r.Id("record_id"), r.Long("record_version"), r.Text("content_hash"), r.Text("title"), r.IdOrNull("flow_id"),
        r.Long("flow_version"), r.Id("submitted_by"), r.Text("status"), r.Value<int?>("current_step"), r.Value<Guid[]>("waiting_for"),
        r.Value<Guid[]>("participants"), JsonSerializer.Deserialize<List<ApprovalStepView>>(r.Text("steps"), ApprovalFlowSql.Json) ?? [],
        r.TextOrNull("reason"), r.Time("submitted_at"), r.TimeOrNull("ended_at"), r.Long("version"));

    public override void Write(ApprovalRow row, RowValues v) =>
        v.Set("id", row.Id).Set("record_kind", row.RecordKind).Set("record_id", row.RecordId).Set("record_version", row.RecordVersion)
            .Set("content_hash", row.ContentHash).Set("title", row.Title).Id("flow_id", row.FlowId).Set("flow_version", row.FlowVersion)
            .Set("submitted_by", row.SubmittedBy).Set("status", row.Status)
            .Set<object>("current_step", row.CurrentStep is { } step ? step : DBNull.Value)
            .Set("waiting_for", row.WaitingFor.ToArray()).Set("participants", row.Participants.ToArray())
            .Json("steps", JsonSerializer.Serialize(row.Steps, ApprovalFlowSql.Json)).Text("reason", row.Reason).Set("submitted_at", row.SubmittedAt)
            .Time("ended_at", row.EndedAt).Set("version", row.Version).Set("created_at", row.SubmittedAt);
}
