using Crm.Projections.Tables;

namespace Crm.Projections.Scenes;

/// <summary>crm.scenes by column name, shared by the projection and the queries.</summary>
internal sealed class SceneSql() : RowBinder<SceneRow>("id",
    "id", "owner_id", "kind", "name", "filter", "sort", "q", "is_default", "sort_order", "version", "created_at", "updated_at")
{
    public static readonly SceneSql Binder = new();

    // A scene keeps its owner and kind for life.
    public override IReadOnlySet<string> InsertOnly { get; } = new HashSet<string>(["id", "owner_id", "kind", "created_at"], StringComparer.Ordinal);

    // The filter is jsonb; the row carries it as the text the client sent.
    protected override string Select(string column) => column == "filter" ? "filter::text" : column;

    public override SceneRow Read(RowReader r) => new(
        r.Id("id"), r.Id("owner_id"), r.Text("kind"), r.Text("name"), r.TextOrNull("filter"), r.Text("sort"), r.TextOrNull("q"),
        r.Flag("is_default"), r.Int("sort_order"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(SceneRow row, RowValues v) =>
        v.Set("id", row.Id).Set("owner_id", row.OwnerId).Set("kind", row.Kind).Set("name", row.Name).Json("filter", row.Filter)
            .Set("sort", row.Sort).Text("q", row.Q).Set("is_default", row.IsDefault).Set("sort_order", row.Order)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
