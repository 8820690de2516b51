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
/// counter, immutable, with the indexes resolution walks. A change to the org makes a new snapshot,
/// so an answer can never outlive the facts it was computed from.
/// </summary>
/// <remarks>
/// Memory stays bounded however many users ask about however many permissions: which roles grant a
/// permission is re-checked per call (a few set lookups), and only owner sets are cached — per
/// department (shared by everyone whose answer is "my department" or "my department tree") and per
/// user and combination of scopes otherwise.
/// </remarks>
public sealed class OrgSnapshot
{
    private readonly FrozenDictionary<Guid, OrgUser> users;
    private readonly FrozenDictionary<Guid, OrgRole> roles;
    private readonly FrozenDictionary<Guid, Guid[]> directReports;
    private readonly FrozenDictionary<Guid, Guid[]> usersByDepartment;
    private readonly FrozenDictionary<Guid, Guid[]> childDepartments;
    private readonly ConcurrentDictionary<(Guid Actor, Scopes Granted), OwnerScope> byActor = new();
    private readonly ConcurrentDictionary<(Guid Department, bool WithChildren), OwnerScope> byDepartment = new();

    public OrgSnapshot(long version, IEnumerable<OrgUser> users, IEnumerable<OrgDepartment> departments, IEnumerable<OrgRole> roles)
    {
        Version = version;
        this.users = users.ToFrozenDictionary(u => u.Id);
        this.roles = roles.ToFrozenDictionary(r => r.Id);
        directReports = Index(this.users.Values.Where(u => u.SuperiorId is not null && u.SuperiorId != u.Id), u => u.SuperiorId!.Value, u => u.Id);
        usersByDepartment = Index(this.users.Values.Where(u => u.DepartmentId is not null), u => u.DepartmentId!.Value, u => u.Id);
        childDepartments = Index(departments.Where(d => d.ParentId is not null && d.ParentId != d.Id), d => d.ParentId!.Value, d => d.Id);
    }

    [Flags]
    private enum Scopes : byte
    {
        None = 0,
        Self = 1,
        SelfAndSubordinates = 2,
        Department = 4,
        DepartmentAndChildren = 8,
        All = 16,
    }

    /// <summary>The access counter the snapshot was loaded at; a higher counter in the database means it is stale.</summary>
    public long Version { get; }

    /// <summary>An enabled super administrator.</summary>
    public bool IsSuperAdmin(Guid actorId) => users.TryGetValue(actorId, out var actor) && actor.IsSuperAdmin && !actor.IsDisabled;

    /// <summary>The live roles the user holds (none for a disabled or unknown user: they hold no rights).</summary>
    public IReadOnlyList<OrgRole> RolesHeldBy(Guid userId) =>
        users.TryGetValue(userId, out var user) && !user.IsDisabled ? RolesOf(user).ToList() : [];

    /// <summary>Is the role id among the user's roles (whether or not the role is still live)?</summary>
    public bool Holds(Guid userId, Guid roleId) => users.TryGetValue(userId, out var user) && user.RoleIds.Contains(roleId);

    /// <summary>A user as the snapshot has them (disabled ones too); null when unknown. The approval engine reads superiors here.</summary>
    public OrgUser? FindUser(Guid userId) => users.GetValueOrDefault(userId);

    /// <summary>The enabled users holding the role, in id order (a role step's approvers as of this snapshot).</summary>
    public IReadOnlyList<Guid> EnabledHoldersOf(Guid roleId) =>
        users.Values.Where(u => !u.IsDisabled && u.RoleIds.Contains(roleId)).Select(u => u.Id).Order().ToList();

    /// <summary>A live role; null when it does not exist or was deleted.</summary>
    public OrgRole? FindRole(Guid roleId) => roles.GetValueOrDefault(roleId);

    /// <summary>May the actor perform this operation at all? Super administrators may do everything; disabled and unknown users nothing.</summary>
    public bool Can(Guid actorId, string permission)
    {
        RequireKnown(permission);
        if (!users.TryGetValue(actorId, out var actor) || actor.IsDisabled) return false;
        return actor.IsSuperAdmin || RolesOf(actor).Any(r => r.Permissions.Contains(permission));
    }

    /// <summary>
    /// Whose records the actor may see or act on with this permission: the union of the data scopes
    /// of the actor's roles that grant it. None when no role grants it.
    /// </summary>
    public OwnerScope VisibleOwners(Guid actorId, string permission)
    {
        RequireKnown(permission);
        return Resolve(actorId, role => role.Permissions.Contains(permission));
    }

    /// <summary>Whose records the actor may see in a module: the union over roles that grant any of the module's permissions.</summary>
    public OwnerScope VisibleOwnersInModule(Guid actorId, string module)
    {
        if (!PermissionCatalogue.Modules.Any(m => m.Module == module)) throw new ArgumentException($"'{module}' is not a module of the permission " +
            $"catalogue.", nameof(module));
        var prefix = module + ".";
        return Resolve(actorId, role => role.Permissions.Any(p => p.StartsWith(prefix, StringComparison.Ordinal)));
    }

    private OwnerScope Resolve(Guid actorId, Func<OrgRole, bool> grantsIt)
    {
        if (!users.TryGetValue(actorId, out var actor) || actor.IsDisabled) return OwnerScope.None;
        if (actor.IsSuperAdmin) return OwnerScope.All;
        var granted = Scopes.None;
        foreach (var role in RolesOf(actor))
            if (grantsIt(role)) granted |= Flag(role.Scope);
        return granted == Scopes.None ? OwnerScope.None : OwnersOf(actor, granted);
    }

    /// <summary>
    /// Whose records one data scope gives the user, whatever roles they hold (none for a disabled or unknown user): the same walk
    /// <see cref="VisibleOwners"/> unites over roles, asked role by role when an audit explains which role reached a record.
    /// </summary>
    public OwnerScope ScopeOf(Guid userId, DataScope scope) =>
        users.TryGetValue(userId, out var user) && !user.IsDisabled ? OwnersOf(user, Flag(scope)) : OwnerScope.None;

    private OwnerScope OwnersOf(OrgUser actor, Scopes granted)
    {
        if (granted.HasFlag(Scopes.All)) return OwnerScope.All;
        // The actor is in their own department, so a department scope alone needs no per-actor set.
        if (actor.DepartmentId is { } home && (granted & (Scopes.Self | Scopes.SelfAndSubordinates)) == 0)
            return DepartmentScope(home, granted.HasFlag(Scopes.DepartmentAndChildren));
        return byActor.GetOrAdd((actor.Id, granted), static (key, self) => self.Compute(key.Actor, key.Granted), this);
    }

    private OwnerScope DepartmentScope(Guid department, bool withChildren) =>
        byDepartment.GetOrAdd((department, withChildren), static (key, self) =>
        {
            var owners = new HashSet<Guid>();
            if (key.WithChildren) self.AddDepartmentTree(key.Department, owners);
            else self.AddUsersOf(key.Department, owners);
            return OwnerScope.Of(owners);
        }, this);

    private OwnerScope Compute(Guid actorId, Scopes granted)
    {
        var owners = new HashSet<Guid> { actorId };
        if (granted.HasFlag(Scopes.SelfAndSubordinates)) AddSubordinates(actorId, owners);
        if (users[actorId].DepartmentId is { } home)
        {
            if (granted.HasFlag(Scopes.DepartmentAndChildren)) owners.UnionWith(DepartmentScope(home, true).Owners);
            else if (granted.HasFlag(Scopes.Department)) owners.UnionWith(DepartmentScope(home, false).Owners);
        }
        return OwnerScope.Of(owners);
    }

    private static Scopes Flag(DataScope scope) => scope switch
    {
        DataScope.Self => Scopes.Self,
        DataScope.SelfAndSubordinates => Scopes.SelfAndSubordinates,
        DataScope.Department => Scopes.Department,
        DataScope.DepartmentAndChildren => Scopes.DepartmentAndChildren,
        DataScope.All => Scopes.All,
        _ => Scopes.Self,
    };

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
