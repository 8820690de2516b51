using Crm.Events;
using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Access;

namespace Crm.Projections.Tests.Access;

public sealed class access_version(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private async Task<long> CounterAsync()
    {
        await using var cmd = db.Database.DataSource.CreateCommand("select counter from org.access_version");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task AppendAsync(Guid id, string type, params object[] events) =>
        await db.Store.AppendAsync(new StreamAppend(id, type, ExpectedVersion.Any, events));

    [Fact]
    public async Task events_that_change_access_bump_the_counter_in_their_own_transaction()
    {
        var user = Guid.CreateVersion7();
        var role = Guid.CreateVersion7();
        var department = Guid.CreateVersion7();
        var before = await CounterAsync();

        await AppendAsync(role, "role", new RoleCreated(role, "R" + role, "", [], "self"));
        await AppendAsync(department, "department", new DepartmentCreated(department, "D", null));
        await AppendAsync(user, "user", new UserRegistered(user, "+8613800000999", "U", "unspecified", null, department, null, null, [role]),
            new UserSuperiorChanged(user, null, null));

        Assert.Equal(before + 3, await CounterAsync());
    }

    [Fact]
    public async Task names_passwords_and_positions_leave_the_counter_alone()
    {
        var user = Guid.CreateVersion7();
        var department = Guid.CreateVersion7();
        await AppendAsync(department, "department", new DepartmentCreated(department, "D", null));
        await AppendAsync(user, "user", new UserRegistered(user, "+8613800000998", "U", "unspecified", null, null, null, null, []));
        var before = await CounterAsync();

        await AppendAsync(department, "department", new DepartmentRenamed(department, "E", "D"));
        await AppendAsync(user, "user", new UserPasswordSet(user, "hash", "changed"), new UserRenamed(user, "V", "U"));
        var position = Guid.CreateVersion7();
        await AppendAsync(position, "position", new PositionCreated(position, "P", department, null));

        Assert.Equal(before, await CounterAsync());
    }

    [Fact]
    public void every_department_role_and_user_event_counts_unless_listed_as_irrelevant()
    {
        var handled = new AccessVersionProjection().EventTypes;
        string[] irrelevant = ["department.renamed", "user.mobile-changed", "user.renamed", "user.gender-changed", "user.email-changed", "user.position-changed", "user.password-set", "user.records-handed-over",
            "user.time-zone-changed"];
        var expected = EventCatalogue.All
            .Where(e => (e.Name.StartsWith("department.", StringComparison.Ordinal) || e.Name.StartsWith("role.", StringComparison.Ordinal) || e.Name.StartsWith("user.", StringComparison.Ordinal))
                        && !irrelevant.Contains(e.Name))
            .Select(e => e.Type);
        Assert.Equal(expected.OrderBy(t => t.Name), handled.OrderBy(t => t.Name));
        Assert.Contains(typeof(UserRolesChanged), handled);
        Assert.Contains(typeof(DepartmentMoved), handled);
        Assert.Contains(typeof(RoleDataScopeChanged), handled);
    }
}
