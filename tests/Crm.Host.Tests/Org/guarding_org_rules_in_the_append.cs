using Crm.EventStore;
using Crm.Projections;
using Crm.Testing;
using Crm.Write;
using Crm.Write.Access;
using Crm.Write.Org;

namespace Crm.Host.Tests.Org;

/// <summary>
/// The org rules that span records (no cycle in the tree, one enabled super administrator left, the first one created once,
/// no role given while it is deleted) hold when two commands race, with the locks taken inside each append's own transaction:
/// one command holds one pooled connection, so a pool smaller than the number of concurrent commands still serves them all.
/// </summary>
public sealed class guarding_org_rules_in_the_append : IAsyncLifetime
{
    private static readonly Guid Actor = Guid.CreateVersion7();
    private TestDatabase db = null!;
    private EventStore.EventStore store = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(ReadModelMigrations.All, maxPoolSize: 4);
        store = new EventStore.EventStore(db.DataSource, CrmEventTypes.CreateRegistry(), CrmProjections.Inline());
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private CommandHandler Pipeline => new(store);

    private DepartmentHandler Departments => new(Pipeline, db.DataSource, TimeProvider.System);

    private UserHandler Users => new(Pipeline, db.DataSource, new NoSessions(), TimeProvider.System);

    private RoleHandler Roles => new(Pipeline, db.DataSource, TimeProvider.System);

    /// <summary>A super administrator the snapshot knows (bound by no delegation rule).</summary>
    private static Caller SuperAdmin(Guid id) => new(id, new OrgSnapshot(1, [new OrgUser(id, null, null, [], true, false)], [], []));

    private static CommandRequest As(Guid actor) => new() { Metadata = new EventMetadata(ActorId: actor) };

    private async Task<Guid> DepartmentAsync(string name, Guid? parent = null)
    {
        var outcome = await Departments.AddAsync(new AddDepartment(null, name, parent), SuperAdmin(Actor), As(Actor), default);
        Assert.Null(outcome.Error);
        return outcome.StreamId;
    }

    private async Task<Guid> UserAsync(string mobile, bool superAdmin = false)
    {
        var command = new AddUser(null, mobile, $"User {mobile}", null, null, null, null, null, null, "hash");
        var outcome = await Users.AddAsync(command, SuperAdmin(Actor), new CommandRequest(), default, superAdmin);
        Assert.Null(outcome.Error);
        return outcome.StreamId;
    }

    [Fact]
    public async Task two_departments_moved_under_each_other_at_once_cannot_close_a_cycle()
    {
        for (var round = 0; round < 5; round++)
        {
            var (a, b) = (await DepartmentAsync($"A{round}"), await DepartmentAsync($"B{round}"));

            var outcomes = await Task.WhenAll(
                Task.Run(() => Departments.MoveAsync(new MoveDepartmentUnder(a, b), SuperAdmin(Actor), As(Actor), default)),
                Task.Run(() => Departments.MoveAsync(new MoveDepartmentUnder(b, a), SuperAdmin(Actor), As(Actor), default)));

            Assert.Single(outcomes, o => o.Error is null && o.Events.Count == 1);
            Assert.Equal("department_cycle", Assert.Single(outcomes, o => o.Error is not null).Error!.Code);
        }
    }

    [Fact]
    public async Task the_last_two_super_administrators_disabled_at_once_leave_one_enabled()
    {
        for (var round = 0; round < 3; round++)
        {
            // Each round starts from an empty directory, so the two are the last two.
            if (round > 0) { await DisposeAsync(); await InitializeAsync(); }
            var first = await UserAsync($"1370000{round}001", superAdmin: true);
            var second = await UserAsync($"1370000{round}002", superAdmin: true);
            // The first disables itself and the second at once: each alone leaves one enabled super administrator.
            var outcomes = await Task.WhenAll(
                Task.Run(() => Users.DisableAsync(new DisableAccount(first), SuperAdmin(first), As(first), default)),
                Task.Run(() => Users.DisableAsync(new DisableAccount(second), SuperAdmin(first), As(first), default)));

            Assert.Single(outcomes, o => o.Error is null);
            var refused = Assert.Single(outcomes, o => o.Error is not null).Error!.Code;
            Assert.Contains(refused, new[] { "last_super_admin", IdentityRefusals.SuperAdminProtectedCode });
            await using var cmd = db.DataSource.CreateCommand("select count(*) from org.users where is_super_admin and not is_disabled");
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task hosts_starting_at_once_create_the_first_super_administrator_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Users.AddFirstSuperAdminAsync(Guid.CreateVersion7(), "13800000000", $"hash{i}", default))));

        Assert.Single(outcomes, o => o.Events.Count > 0);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        await using var cmd = db.DataSource.CreateCommand("select count(*) from org.users");
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task a_role_deleted_while_it_is_given_to_a_user_is_either_deleted_or_held()
    {
        for (var round = 0; round < 4; round++)
        {
            var role = await Roles.AddAsync(new AddRole(null, $"Racing role {round}", null, [], "self"), SuperAdmin(Actor), As(Actor), default);
            Assert.Null(role.Error);
            var user = await UserAsync($"1360000{round}000");

            var outcomes = await Task.WhenAll(
                Task.Run(() => Roles.RemoveAsync(new RemoveRole(role.StreamId), SuperAdmin(Actor), As(Actor), default)),
                Task.Run(() => Users.GiveRolesAsync(new GiveRoles(user, [role.StreamId]), SuperAdmin(Actor), As(Actor), default)));

            Assert.Single(outcomes, o => o.Error is null);
            await using var cmd = db.DataSource.CreateCommand(
                "select count(*) from org.users u join org.roles r on r.id = any(u.role_ids) where r.is_deleted");
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task guarded_org_writes_three_times_the_pool_size_all_succeed()
    {
        var parent = await DepartmentAsync("Busy parent");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Departments.AddAsync(new AddDepartment(null, $"Child {i}", parent), SuperAdmin(Actor), As(Actor), default))));

        Assert.All(outcomes, o => Assert.Null(o.Error));
        await using var cmd = db.DataSource.CreateCommand("select count(*) from org.departments where parent_id = @p");
        cmd.Parameters.AddWithValue("p", parent);
        Assert.Equal(12L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    private sealed class NoSessions : IUserSessionCache
    {
        public void Forget(Guid userId) { }
    }
}
