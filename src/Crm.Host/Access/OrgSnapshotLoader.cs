using Crm.Projections.Access;
using Crm.Write.Access;
using Npgsql;

namespace Crm.Host.Access;

/// <summary>
/// Builds the org snapshot from the rows <see cref="OrgSnapshotQueries"/> reads at one moment (the rows
/// and their counter in one repeatable-read transaction, so a snapshot is never tagged newer than its contents).
/// </summary>
public sealed class OrgSnapshotLoader(NpgsqlDataSource dataSource)
{
    private readonly OrgSnapshotQueries queries = new(dataSource);

    /// <summary>The counter alone: one indexed single-row read, what each request pays when nothing changed.</summary>
    public Task<long> CurrentVersionAsync(CancellationToken ct) => queries.CurrentVersionAsync(ct);

    public async Task<OrgSnapshot> LoadAsync(CancellationToken ct)
    {
        var rows = await queries.LoadAsync(ct);
        return new OrgSnapshot(rows.Version,
            [.. rows.Users.Select(u => new OrgUser(u.Id, u.DepartmentId, u.SuperiorId, u.RoleIds, u.IsSuperAdmin, u.IsDisabled))],
            [.. rows.Departments.Select(d => new OrgDepartment(d.Id, d.ParentId))],
            // A scope name this build does not know (written by a newer one) grants the narrowest scope, never a wider one.
            [.. rows.Roles.Select(r => new OrgRole(r.Id, r.Permissions.ToHashSet(StringComparer.Ordinal),
                DataScopes.TryParse(r.DataScope, out var scope) ? scope : DataScope.Self))]);
    }
}
