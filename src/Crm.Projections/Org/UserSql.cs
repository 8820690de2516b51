using Crm.Projections.Tables;

namespace Crm.Projections.Org;

/// <summary>org.users by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class UserSql() : RowBinder<UserRow>("id",
    "id", "mobile", "display_name", "gender", "email", "department_id", "position_id", "superior_id", "role_ids", "is_super_admin",
    "is_disabled", "version", "created_at", "updated_at", "time_zone")
{
    public static readonly UserSql Binder = new();

    public override UserRow Read(RowReader r) => new(
        r.Id("id"), r.Text("mobile"), r.Text("display_name"), r.Text("gender"), r.TextOrNull("email"), r.IdOrNull("department_id"),
        r.IdOrNull("position_id"), r.IdOrNull("superior_id"), r.Value<Guid[]>("role_ids"), r.Flag("is_super_admin"), r.Flag("is_disabled"),
        r.Long("version"), r.Time("created_at"), r.Time("updated_at"), r.Text("time_zone"));

    public override void Write(UserRow row, RowValues v) =>
        v.Set("id", row.Id).Set("mobile", row.Mobile).Set("display_name", row.DisplayName).Set("gender", row.Gender).Text("email", row.Email)
            .Id("department_id", row.DepartmentId).Id("position_id", row.PositionId).Id("superior_id", row.SuperiorId)
            .Set("role_ids", row.RoleIds.ToArray()).Set("is_super_admin", row.IsSuperAdmin).Set("is_disabled", row.IsDisabled)
            .Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt)
            .Set("time_zone", row.TimeZone);
}
