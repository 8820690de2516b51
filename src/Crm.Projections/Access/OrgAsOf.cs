using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Org;

namespace Crm.Projections.Access;

/// <summary>
/// The org as it was at a moment, folded from its events alone with the read models' own folds (<see cref="UserRow.Evolve"/>,
/// <see cref="DepartmentRow.Evolve"/>, <see cref="RoleRow.Evolve"/>): the rows org.users, org.departments and org.roles held then.
/// Deleted departments are gone (as from the table); deleted roles stay, marked, and grant nothing.
/// </summary>
public sealed record OrgAsOf(IReadOnlyList<UserRow> Users, IReadOnlyList<DepartmentRow> Departments, IReadOnlyList<RoleRow> Roles)
{
    /// <summary>
    /// Reads every event of the org's streams up to <paramref name="asOf"/> and folds them. The org is small beside the records it
    /// governs (one stream per user, department and role, a handful of events each), so it is read whole: its size, not the
    /// number of customers or leads, bounds the cost.
    /// </summary>
    /// <param name="streamTypes">The stream types of users, departments and roles (the write side names them).</param>
    public static async Task<OrgAsOf> ReadAsync(EventStore.EventStore store, IReadOnlyCollection<string> streamTypes, DateTimeOffset asOf,
        CancellationToken ct)
    {
        var events = await store.ReadStreamsOfTypesAsync(streamTypes, asOf, ct);
        var users = new List<UserRow>();
        var departments = new List<DepartmentRow>();
        var roles = new List<RoleRow>();
        // The events come stream by stream, each in version order; a stream's first event says what it is.
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            switch (stream.First().Data)
            {
                case UserRegistered:
                    Add(users, stream.Aggregate((UserRow?)null, UserRow.Evolve));
                    break;
                case DepartmentCreated:
                    Add(departments, stream.Aggregate((DepartmentRow?)null, DepartmentRow.Evolve));
                    break;
                case RoleCreated:
                    Add(roles, stream.Aggregate((RoleRow?)null, RoleRow.Evolve));
                    break;
            }
        }
        return new OrgAsOf(users, departments, roles);
    }

    /// <summary>The rows the permission engine builds its snapshot from, exactly as <see cref="OrgSnapshotQueries"/> reads them now.</summary>
    public SnapshotRows ToSnapshotRows() => new(
        0,
        [.. Users.Select(u => new SnapshotUser(u.Id, u.DepartmentId, u.SuperiorId, [.. u.RoleIds], u.IsSuperAdmin, u.IsDisabled))],
        [.. Departments.Select(d => new SnapshotDepartment(d.Id, d.ParentId))],
        [.. Roles.Where(r => !r.IsDeleted).Select(r => new SnapshotRole(r.Id, [.. r.Permissions], r.DataScope))]);

    private static void Add<T>(List<T> rows, T? row) where T : class
    {
        if (row is not null) rows.Add(row);
    }
}
