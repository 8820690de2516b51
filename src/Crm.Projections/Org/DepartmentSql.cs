using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>org.departments by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class DepartmentSql() : RowBinder<DepartmentRow>("id", "id", "name", "parent_id", "version", "created_at", "updated_at")
{
    public static readonly DepartmentSql Binder = new();

    public override DepartmentRow Read(RowReader r) =>
        new(r.Id("id"), r.Text("name"), r.IdOrNull("parent_id"), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(DepartmentRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Id("parent_id", row.ParentId).Set("version", row.Version)
            .Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
