using Crm.Projections.Access;
using Crm.Projections.Org;
using Crm.Write.Access;

namespace Crm.Write.Audit;

/// <summary>
/// The org at a moment: the permission engine's snapshot built from the rows folded as of then (the same mapping the live engine
/// uses), and the names and links an explanation quotes (user and department names, superiors, the department tree, role names).
/// </summary>
public sealed class OrgThen
{
    private readonly Dictionary<Guid, UserRow> users;
    private readonly Dictionary<Guid, DepartmentRow> departments;
    private readonly Dictionary<Guid, RoleRow> roles;

    public OrgThen(OrgAsOf org)
    {
        users = org.Users.ToDictionary(u => u.Id);
        departments = org.Departments.ToDictionary(d => d.Id);
        roles = org.Roles.ToDictionary(r => r.Id);
        Snapshot = org.ToSnapshotRows().ToSnapshot();
    }

    public OrgSnapshot Snapshot { get; }

    /// <summary>Every user then, disabled ones included, in id order.</summary>
    public IEnumerable<UserRow> Users => users.Values.OrderBy(u => u.Id);

    public UserRow? User(Guid id) => users.GetValueOrDefault(id);

    public string? DepartmentName(Guid? id) => id is { } d && departments.TryGetValue(d, out var row) ? row.Name : null;

    public PersonThen Person(Guid id)
    {
        var user = User(id);
        return new PersonThen(id, user?.DisplayName, user?.DepartmentId, DepartmentName(user?.DepartmentId));
    }

    /// <summary>The live roles the user held then (deleted ones grant nothing and are left out), by name.</summary>
    public IReadOnlyList<RoleThen> RolesOf(UserRow user) =>
        [.. user.RoleIds.Select(id => roles.GetValueOrDefault(id)).OfType<RoleRow>().Where(r => !r.IsDeleted)
            .Select(r => new RoleThen(r.Id, r.Name, r.DataScope)).OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The direct-superior chain from <paramref name="from"/> up to <paramref name="to"/> (both included); empty when it does not reach.</summary>
    public IReadOnlyList<Guid> ChainUp(Guid from, Guid to)
    {
        var chain = new List<Guid> { from };
        var seen = new HashSet<Guid> { from };
        for (var at = User(from)?.SuperiorId; at is { } next && seen.Add(next); at = User(next)?.SuperiorId)
        {
            chain.Add(next);
            if (next == to) return chain;
        }
        return [];
    }

    /// <summary>Is department <paramref name="inner"/> the department <paramref name="outer"/> or below it, then?</summary>
    public bool Within(Guid inner, Guid outer)
    {
        var seen = new HashSet<Guid>();
        for (Guid? at = inner; at is { } d && seen.Add(d); at = departments.GetValueOrDefault(d)?.ParentId)
            if (d == outer) return true;
        return false;
    }
}
