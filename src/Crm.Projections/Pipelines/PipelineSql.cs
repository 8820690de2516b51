using System.Text.Json;
using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Pipelines;

/// <summary>crm.pipelines by column name, shared by the projection and the queries.</summary>
internal sealed class PipelineSql() : RowBinder<PipelineRow>("id", "id", "name", "is_default", "stages", "version", "created_at", "updated_at")
{
    public static readonly PipelineSql Binder = new();

    // camelCase keys (stageId, name, winRate, outcome): the shape PipelineFacts and analysts read.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override string Select(string column) => column == "stages" ? "stages::text" : column;

    public override PipelineRow Read(RowReader r) => new(
        r.Id("id"), r.Text("name"), r.Flag("is_default"), JsonSerializer.Deserialize<List<PipelineStage>>(r.Text("stages"), Json) ?? [],
        r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(PipelineRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Set("is_default", row.IsDefault).Json("stages", JsonSerializer.Serialize(row.Stages, Json))
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
