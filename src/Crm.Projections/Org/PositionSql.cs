using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>org.positions by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class PositionSql() : RowBinder<PositionRow>("id",
    "id", "name", "department_id", "superior_position_id", "version", "created_at", "updated_at")
{
    public static readonly PositionSql Binder = new();

    public override PositionRow Read(RowReader r) => new(
        r.Id("id"), r.Text("name"), r.Id("department_id"), r.IdOrNull("superior_position_id"), r.Long("version"),
        r.Time("created_at"), r.Time("updated_at"));

    public override void Write(PositionRow row, RowValues v) =>
        v.Set("id", row.Id).Set("name", row.Name).Set("department_id", row.DepartmentId).Id("superior_position_id", row.SuperiorPositionId)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
}
