using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Approvals;

/// <summary>crm.approval_flows by column name, shared by the projection and the queries.</summary>
internal sealed class ApprovalFlowSql()
    : RowBinder<ApprovalFlowRow>("id", "id", "record_kind", "name", "steps", "enabled", "version", "created_at", "updated_at")
{
    public static readonly ApprovalFlowSql Binder = new();

    // camelCase keys (name, approverKind, userId, roleId, mode): the shape analysts read.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override string Select(string column) => column == "steps" ? "steps::text" : column;

    public override ApprovalFlowRow Read(RowReader r) => new(
        r.Id("id"), r.Text("record_kind"), r.Text("name"), JsonSerializer.Deserialize<List<ApprovalStepRule>>(r.Text("steps"), Json) ?? [],
        r.Flag("enabled"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(ApprovalFlowRow row, RowValues v) =>
        v.Set("id", row.Id).Set("record_kind", row.RecordKind).Set("name", row.Name).Json("steps", JsonSerializer.Serialize(row.Steps, Json))
            .Set("enabled", row.Enabled).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
