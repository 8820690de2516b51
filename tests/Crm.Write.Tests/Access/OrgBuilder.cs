using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

/// <summary>Given an org (departments, users, roles), build the snapshot the engine answers from.</summary>
internal sealed class OrgBuilder
{
    private readonly Dictionary<Guid, OrgDepartment> departments = [];
    private readonly Dictionary<Guid, OrgUser> users = [];
    private readonly Dictionary<Guid, OrgRole> roles = [];

    public Guid Department(Guid? parent = null)
    {
        var id = Guid.CreateVersion7();
        departments[id] = new OrgDepartment(id, parent);
        return id;
    }

    public Guid Role(DataScope scope, params string[] permissions)
    {
        var id = Guid.CreateVersion7();
        roles[id] = new OrgRole(id, permissions.ToHashSet(), scope);
        return id;
    }

    public Guid User(Guid? department = null, Guid? superior = null, Guid[]? roleIds = null, bool superAdmin = false, bool disabled = false)
    {
        var id = Guid.CreateVersion7();
        users[id] = new OrgUser(id, department, superior, roleIds ?? [], superAdmin, disabled);
        return id;
    }

    public void Change(Guid user, Func<OrgUser, OrgUser> change) => users[user] = change(users[user]);

    public void MoveDepartment(Guid department, Guid? parent) => departments[department] = new OrgDepartment(department, parent);

    public void DeleteRole(Guid role) => roles.Remove(role);

    public OrgSnapshot Snapshot(long version = 1) => new(version, users.Values, departments.Values, roles.Values);
}
