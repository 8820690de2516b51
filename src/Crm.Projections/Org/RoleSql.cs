using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>org.roles by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class RoleSql() : RowBinder<RoleRow>("id",
    "id", "name", "description", "permissions", "data_scope", "is_deleted", "version", "created_at", "updated_at")
{
    public static readonly RoleSql Binder = new();

    public override RoleRow Read(RowReader r) => new(
        r.Id("id"), r.Text("name"), r.Text("description"), r.Value<string[]>("permissions"), r.Text("data_scope"), r.Flag("is_deleted"),
        r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(RoleRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Set("description", row.Description).Set("permissions", row.Permissions.ToArray())
            .Set("data_scope", row.DataScope).Set("is_deleted", row.IsDeleted).Set("version", row.Version)
            .Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
