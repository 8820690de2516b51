using Crm.Events.Org;
using Crm.EventStore;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

public sealed class role_read_model(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private RoleQueries Roles => new(db.Database.DataSource, db.Store);

    private async Task<long> AppendAsync(Guid id, long expected, params object[] events)
    {
        var result = await db.Store.AppendAsync(new StreamAppend(id, "role",
            expected == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(expected), events));
        return result.Versions[0];
    }

    [Fact]
    public async Task a_created_role_is_readable_right_after_the_append_with_sorted_permissions()
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, 0, new RoleCreated(id, "Sales rep", "Front line", ["customer.list", "customer.create"], "self"));

        var row = await Roles.GetAsync(id);

        Assert.NotNull(row);
        Assert.Equal(("Sales rep", "Front line", "self", false, 1L), (row.Name, row.Description, row.DataScope, row.IsDeleted, row.Version));
        Assert.Equal(["customer.create", "customer.list"], row.Permissions);
    }

    [Fact]
    public async Task every_edit_updates_the_row_and_a_deleted_role_is_kept_but_marked_and_left_out_of_lists()
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, 0, new RoleCreated(id, "Zeta manager", "", ["customer.list"], "self"));
        await AppendAsync(id, 1,
            new RoleRenamed(id, "Zeta lead", "Zeta manager"),
            new RoleDescriptionChanged(id, "Leads the team", ""),
            new RolePermissionsChanged(id, ["customer.list", "customer.edit"], ["customer.list"], ["customer.edit"], []),
            new RoleDataScopeChanged(id, "department", "self"));

        var row = await Roles.GetAsync(id);
        Assert.NotNull(row);
        Assert.Equal(("Zeta lead", "Leads the team", "department", 5L), (row.Name, row.Description, row.DataScope, row.Version));
        Assert.Equal(["customer.edit", "customer.list"], row.Permissions);
        Assert.True(await Roles.NameTakenAsync(" zeta LEAD ", Guid.Empty));
        Assert.False(await Roles.NameTakenAsync("Zeta lead", id));

        await AppendAsync(id, 5, new RoleDeleted(id, "Zeta lead"));

        var deleted = await Roles.GetAsync(id);
        Assert.NotNull(deleted);
        Assert.True(deleted.IsDeleted);
        Assert.False(await Roles.NameTakenAsync("Zeta lead", Guid.Empty));
        var page = await Roles.ListAsync(500, null);
        Assert.DoesNotContain(page.Items, r => r.Id == id);
    }

    [Fact]
    public async Task time_travel_folds_the_role_as_it_was()
    {
        var id = Guid.CreateVersion7();
        await AppendAsync(id, 0, new RoleCreated(id, "Auditor", "", ["customer.list"], "all"));
        await AppendAsync(id, 1, new RoleDataScopeChanged(id, "self", "all"));

        var first = await Roles.GetAsOfAsync(id, 1, null);
        Assert.NotNull(first);
        Assert.Equal("all", first.DataScope);
    }

    [Fact]
    public void the_projection_handles_every_role_event()
    {
        var handled = new RolesProjection().EventTypes;
        var roleEvents = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("role.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.All(roleEvents, t => Assert.Contains(t, handled));
    }
}
