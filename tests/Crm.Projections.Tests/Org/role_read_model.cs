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
    public async Task every_role_event_folds_into_the_row_as_the_event_says()
    {
        var renamed = Unique("After");
        // One of each event after the creation, each applied to a fresh role, with the row it must leave.
        var changes = new Dictionary<Type, Func<RoleRow, (object Event, RoleRow Expected)>>
        {
            [typeof(RoleRenamed)] = b => (new RoleRenamed(b.Id, renamed, b.Name), b with { Name = renamed }),
            [typeof(RoleDescriptionChanged)] = b => (new RoleDescriptionChanged(b.Id, "New", b.Description), b with { Description = "New" }),
            [typeof(RolePermissionsChanged)] = b => (new RolePermissionsChanged(b.Id, ["customer.list", "customer.edit"], b.Permissions, ["customer.edit"], []),
                b with { Permissions = ["customer.edit", "customer.list"] }),
            [typeof(RoleDataScopeChanged)] = b => (new RoleDataScopeChanged(b.Id, "all", b.DataScope), b with { DataScope = "all" }),
            [typeof(RoleDeleted)] = b => (new RoleDeleted(b.Id, b.Name), b with { IsDeleted = true }),
        };
        var catalogued = Events.EventCatalogue.All.Where(e => e.Name.StartsWith("role.", StringComparison.Ordinal)).Select(e => e.Type);
        Assert.Equal(catalogued.Order(TypeByName).ToArray(), changes.Keys.Append(typeof(RoleCreated)).Order(TypeByName).ToArray());

        foreach (var (type, change) in changes)
        {
            var id = Guid.CreateVersion7();
            await AppendAsync(id, 0, new RoleCreated(id, Unique("Before"), "Old", ["customer.list"], "self"));
            var before = await Roles.GetAsync(id);
            Assert.NotNull(before);
            var (e, expected) = change(before);

            await AppendAsync(id, 1, e);

            var row = await Roles.GetAsync(id);
            Assert.NotNull(row);
            Assert.Equal(Shape(expected), Shape(row));
            Assert.Equal(expected.Permissions, row.Permissions);
            Assert.Equal(2L, row.Version);
            Assert.True(row.UpdatedAt > before.UpdatedAt && row.CreatedAt == before.CreatedAt, $"{type.Name} left the timestamps as they were");
        }
    }

    private static (string, string, string, bool) Shape(RoleRow row) => (row.Name, row.Description, row.DataScope, row.IsDeleted);

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}";

    private static readonly Comparer<Type> TypeByName = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
}
