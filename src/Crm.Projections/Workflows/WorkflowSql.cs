using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Workflows;

/// <summary>crm.workflows by column name, shared by the projection and the queries.</summary>
internal sealed class WorkflowSql() : RowBinder<WorkflowRow>("id",
    "id", "author_id", "name", "enabled", "record_kind", "trigger_on", "trigger_days", "condition", "actions", "webhook_secret", "version",
    "created_at", "updated_at")
{
    public static readonly WorkflowSql Binder = new();

    public override IReadOnlySet<string> InsertOnly { get; } = new HashSet<string>(["id", "created_at"], StringComparer.Ordinal);

    protected override string Select(string column) => column is "condition" or "actions" ? column + "::text" : column;

    public override WorkflowRow Read(RowReader r) => new(
        r.Id("id"), r.Id("author_id"), r.Text("name"), r.Flag("enabled"),
        new WorkflowTrigger(r.Text("record_kind"), r.Text("trigger_on"), r.Value<int?>("trigger_days")), r.TextOrNull("condition"),
        JsonSerializer.Deserialize<List<WorkflowAction>>(r.Text("actions"), JsonSerializerOptions.Web) ?? [], r.TextOrNull("webhook_secret"),
        r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(WorkflowRow row, RowValues v) =>
        v.Set("id", row.Id).Set("author_id", row.AuthorId).Set("name", row.Name).Set("enabled", row.Enabled)
            .Set("record_kind", row.Trigger.RecordKind).Set("trigger_on", row.Trigger.On).Set<int?>("trigger_days", row.Trigger.Days)
            .Json("condition", row.Condition).Json("actions", JsonSerializer.Serialize(row.Actions, JsonSerializerOptions.Web))
            .Text("webhook_secret", row.WebhookSecret).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
