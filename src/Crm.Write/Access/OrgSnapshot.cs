using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Crm.Write.Access;

/// <summary>A user as access decisions see them.</summary>
public sealed record OrgUser(Guid Id, Guid? DepartmentId, Guid? SuperiorId, IReadOnlyList<Guid> RoleIds, bool IsSuperAdmin, bool IsDisabled);

/// <summary>A department's place in the tree.</summary>
public sealed record OrgDepartment(Guid Id, Guid? ParentId);

/// <summary>A live role's grants (deleted roles are left out: they grant nothing).</summary>
public sealed record OrgRole(Guid Id, IReadOnlyCollection<string> Permissions, DataScope Scope);

/// <summary>
/// The permission engine's one source of truth: the org as it was at one version of the access
/// counter, immutable, with the indexes resolution walks. Answers are cached per actor and
/// permission for the snapshot's life; a change to the org makes a new snapshot (and a new cache),
/// so an answer can never outlive the facts it was computed from.
/// </summary>
public sealed class OrgSnapshot
{
    private readonly FrozenDictionary<Guid, OrgUser> users;
    private readonly FrozenDictionary<Guid, OrgRole> roles;
    private readonly FrozenDictionary<Guid, Guid[]> directReports;
    private readonly FrozenDictionary<Guid, Guid[]> usersByDepartment;
    private readonly FrozenDictionary<Guid, Guid[]> childDepartments;
    private readonly ConcurrentDictionary<(Guid Actor, string Key), OwnerScope> scopes = new();
    private readonly ConcurrentDictionary<(Guid Actor, string Permission), bool> grants = new();

    public OrgSnapshot(long version, IEnumerable<OrgUser> users, IEnumerable<OrgDepartment> departments, IEnumerable<OrgRole> roles)
    {
        Version = version;
        this.users = users.ToFrozenDictionary(u => u.Id);
        this.roles = roles.ToFrozenDictionary(r => r.Id);
        directReports = Index(this.users.Values.Where(u => u.SuperiorId is not null && u.SuperiorId != u.Id), u => u.SuperiorId!.Value, u => u.Id);
        usersByDepartment = Index(this.users.Values.Where(u => u.DepartmentId is not null), u => u.DepartmentId!.Value, u => u.Id);
        childDepartments = Index(departments.Where(d => d.ParentId is not null && d.ParentId != d.Id), d => d.ParentId!.Value, d => d.Id);
    }

    /// <summary>The access counter the snapshot was loaded at; a higher counter in the database means it is stale.</summary>
    public long Version { get; }

    public int UserCount => users.Count;

    /// <summary>May the actor perform this operation at all? Super administrators may do everything; disabled and unknown users nothing.</summary>
    public bool Can(Guid actorId, string permission)
    {
        RequireKnown(permission);
        return grants.GetOrAdd((actorId, permission), static (key, self) => self.Grants(key.Actor, key.Permission), this);
    }

    /// <summary>
    /// Whose records the actor may see or act on with this permission: the union of the data scopes
    /// of the actor's roles that grant it. None when no role grants it.
    /// </summary>
    public OwnerScope VisibleOwners(Guid actorId, string permission)
    {
        RequireKnown(permission);
        return scopes.GetOrAdd((actorId, permission), static (key, self) => self.Resolve(key.Actor, role => role.Permissions.Contains(key.Key)), this);
    }

    /// <summary>Whose records the actor may see in a module: the union over roles that grant any of the module's permissions.</summary>
    public OwnerScope VisibleOwnersInModule(Guid actorId, string module)
    {
        if (!PermissionCatalogue.Modules.Any(m => m.Module == module)) throw new ArgumentException($"'{module}' is not a module of the permission catalogue.", nameof(module));
        var prefix = module + ".";
        return scopes.GetOrAdd((actorId, prefix), static (key, self) =>
            self.Resolve(key.Actor, role => role.Permissions.Any(p => p.StartsWith(key.Key, StringComparison.Ordinal))), this);
    }

    private bool Grants(Guid actorId, string permission)
    {
        if (!users.TryGetValue(actorId, out var actor) || actor.IsDisabled) return false;
        return actor.IsSuperAdmin || RolesOf(actor).Any(r => r.Permissions.Contains(permission));
    }

    private OwnerScope Resolve(Guid actorId, Func<OrgRole, bool> grantsIt)
    {
        if (!users.TryGetValue(actorId, out var actor) || actor.IsDisabled) return OwnerScope.None;
        if (actor.IsSuperAdmin) return OwnerScope.All;
        var granted = RolesOf(actor).Where(grantsIt).Select(r => r.Scope).ToHashSet();
        if (granted.Count == 0) return OwnerScope.None;
        if (granted.Contains(DataScope.All)) return OwnerScope.All;

        var owners = new HashSet<Guid> { actorId };
        if (granted.Contains(DataScope.SelfAndSubordinates)) AddSubordinates(actorId, owners);
        if (actor.DepartmentId is { } home)
        {
            if (granted.Contains(DataScope.DepartmentAndChildren)) AddDepartmentTree(home, owners);
            else if (granted.Contains(DataScope.Department)) AddUsersOf(home, owners);
        }
        return OwnerScope.Of(owners);
    }

    private IEnumerable<OrgRole> RolesOf(OrgUser user)
    {
        foreach (var id in user.RoleIds)
            if (roles.TryGetValue(id, out var role)) yield return role;
    }

    // Breadth-first down the direct-superior links; the visited set ends the walk even if the data held a cycle.
    private void AddSubordinates(Guid actorId, HashSet<Guid> owners)
    {
        var queue = new Queue<Guid>();
        queue.Enqueue(actorId);
        while (queue.TryDequeue(out var superior))
        {
            if (!directReports.TryGetValue(superior, out var reports)) continue;
            foreach (var report in reports)
                if (owners.Add(report)) queue.Enqueue(report);
        }
    }

    private void AddDepartmentTree(Guid root, HashSet<Guid> owners)
    {
        var seen = new HashSet<Guid> { root };
        var queue = new Queue<Guid>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out var department))
        {
            AddUsersOf(department, owners);
            if (!childDepartments.TryGetValue(department, out var children)) continue;
            foreach (var child in children)
                if (seen.Add(child)) queue.Enqueue(child);
        }
    }

    private void AddUsersOf(Guid department, HashSet<Guid> owners)
    {
        if (usersByDepartment.TryGetValue(department, out var members)) owners.UnionWith(members);
    }

    private static void RequireKnown(string permission)
    {
        // A typo in an endpoint's permission name must fail in its first test, not deny everyone quietly.
        if (!PermissionCatalogue.IsKnown(permission)) throw new ArgumentException($"'{permission}' is not in the permission catalogue.", nameof(permission));
    }

    private static FrozenDictionary<Guid, Guid[]> Index<T>(IEnumerable<T> items, Func<T, Guid> key, Func<T, Guid> value) =>
        items.GroupBy(key).ToFrozenDictionary(g => g.Key, g => g.Select(value).ToArray());
}
