using Crm.Events;
using Crm.Events.Customers;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Customers;

/// <summary>Each test uses owners (or a region) of its own, so tests sharing the database do not see each other's rows.</summary>
public sealed class customer_lists(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private static FilterNode Filter(string json)
    {
        var (node, errors) = FilterTree.Parse(json, CustomerFilterFields.All);
        Assert.Empty(errors);
        return node!;
    }

    private async Task<List<CustomerRow>> AllPagesAsync(CustomerListRequest request)
    {
        var rows = new List<CustomerRow>();
        var cursor = request.Cursor;
        do
        {
            var page = await db.Customers.ListAsync(request with { Cursor = cursor });
            Assert.True(page.Items.Count <= request.Limit);
            rows.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return rows;
    }

    [Fact]
    public async Task a_scoped_list_shows_exactly_the_owners_customers_and_those_where_the_viewer_is_on_the_team()
    {
        var (me, colleague, stranger) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var mine = await db.GivenCustomerAsync(new CustomerFields("Mine"), me);
        var colleagues = await db.GivenCustomerAsync(new CustomerFields("Colleague's"), colleague);
        var shared = await db.GivenCustomerAsync(new CustomerFields("Shared with me"), stranger,
            (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, me, TeamAccess.Read)));
        await db.GivenCustomerAsync(new CustomerFields("Hidden"), stranger);
        var removed = await db.GivenCustomerAsync(new CustomerFields("No longer shared"), stranger,
            (Func<Guid, object>)(id => new CustomerTeamMemberAdded(id, me, TeamAccess.Read)),
            (Func<Guid, object>)(id => new CustomerTeamMemberRemoved(id, me, TeamAccess.Read)));

        var rows = await AllPagesAsync(new CustomerListRequest(OwnerScope.Only(me, colleague), me, 2));
        Assert.Equal(new[] { mine, colleagues, shared }.Order(), rows.Select(r => r.Id).Order());
        Assert.Equal(3, await db.Customers.CountAsync(new CustomerListRequest(OwnerScope.Only(me, colleague), me, 2)));
        Assert.True(await db.Customers.IsVisibleAsync(shared, OwnerScope.Only(me), me));
        Assert.False(await db.Customers.IsVisibleAsync(removed, OwnerScope.Only(me), me));
    }

    [Fact]
    public async Task the_all_scope_sees_every_owner()
    {
        var region = "R" + Guid.NewGuid().ToString("N");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await db.GivenCustomerAsync(new CustomerFields("All " + i, Region: region), Guid.CreateVersion7()));
        var rows = await AllPagesAsync(new CustomerListRequest(OwnerScope.Everyone, null, 10, Filter: Filter($$"""{"field":"region","op":"eq","value":"{{region}}"}""")));
        Assert.Equal(ids.Order(), rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task the_pool_list_shows_customers_without_owner_whatever_the_scope()
    {
        var owner = Guid.CreateVersion7();
        var region = "P" + Guid.NewGuid().ToString("N");
        var pooled = await db.GivenCustomerAsync(new CustomerFields("Pooled", Region: region), owner,
            (Func<Guid, object>)(id => new CustomerPutInPool(id, owner, null, Day0.AddDays(1))));
        await db.GivenCustomerAsync(new CustomerFields("Owned", Region: region), owner);
        var filter = Filter($$"""{"field":"region","op":"eq","value":"{{region}}"}""");
        var pool = await AllPagesAsync(new CustomerListRequest(OwnerScope.Only(Guid.CreateVersion7()), null, 10, Filter: filter, Pool: true));
        Assert.Equal(pooled, Assert.Single(pool).Id);
        Assert.Empty(await AllPagesAsync(new CustomerListRequest(OwnerScope.Only(owner), owner, 10, Filter: Filter($$"""{"and":[{"field":"region","op":"eq","value":"{{region}}"},{"field":"inPool","op":"eq","value":true}]}"""))));
    }

    [Theory]
    [InlineData("name", false)]
    [InlineData("name", true)]
    [InlineData("createdAt", false)]
    [InlineData("updatedAt", true)]
    public async Task pages_follow_each_other_in_sort_order_without_gaps_or_repeats(string sort, bool descending)
    {
        var owner = Guid.CreateVersion7();
        var created = new List<(Guid Id, string Name)>();
        foreach (var name in new[] { "Delta", "Alpha", "Echo", "Charlie", "Bravo", "Alpha" })
            created.Add((await db.GivenCustomerAsync(new CustomerFields(name), owner), name));
        var rows = await AllPagesAsync(new CustomerListRequest(OwnerScope.Only(owner), owner, 2, Sort: new ListSort(sort, descending)));

        // The order expected from what was written, not from the rows read back: names as given (ties by id),
        // and for the times the order of creation (one append after another, none edited since).
        var expected = sort == "name"
            ? created.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => c.Id)
            : created.Select(c => c.Id);
        if (descending) expected = expected.Reverse();
        Assert.Equal(expected, rows.Select(r => r.Id));
        Assert.Equal(created.ToDictionary(c => c.Id, c => c.Name), rows.ToDictionary(r => r.Id, r => r.Fields.Name));
    }

    [Fact]
    public async Task the_filter_tree_selects_by_level_tags_dates_and_nulls()
    {
        var owner = Guid.CreateVersion7();
        var a = await db.GivenCustomerAsync(new CustomerFields("A vip", Level: "A", Tags: ["vip"]), owner);
        var b = await db.GivenCustomerAsync(new CustomerFields("B key", Level: "B", Email: "b@x.example", Tags: ["key"]), owner);
        var c = await db.GivenCustomerAsync(new CustomerFields("C none", Level: null), owner);
        var scope = new CustomerListRequest(OwnerScope.Only(owner), owner, 50);

        async Task<IEnumerable<Guid>> Ids(string json) => (await AllPagesAsync(scope with { Filter = Filter(json) })).Select(r => r.Id).Order();

        Assert.Equal([a], await Ids("""{"field":"level","op":"eq","value":"A"}"""));
        Assert.Equal(new[] { a, b }.Order(), await Ids("""{"field":"level","op":"in","value":["A","B"]}"""));
        Assert.Equal([c], await Ids("""{"field":"level","op":"isNull"}"""));
        Assert.Equal(new[] { b, c }.Order(), await Ids("""{"field":"level","op":"ne","value":"A"}"""));
        Assert.Equal([a], await Ids("""{"field":"tags","op":"contains","value":"vip"}"""));
        Assert.Equal([c], await Ids("""{"field":"tags","op":"isNull","value":true}"""));
        Assert.Equal(new[] { a, b }.Order(), await Ids("""{"or":[{"field":"tags","op":"in","value":["vip","key"]},{"field":"email","op":"contains","value":"%"}]}"""));
        Assert.Equal([b], await Ids("""{"and":[{"field":"email","op":"contains","value":"X.EXAMPLE"},{"field":"createdAt","op":"gte","value":"2000-01-01T00:00:00Z"},{"field":"locked","op":"eq","value":false}]}"""));
        Assert.Empty(await Ids("""{"field":"createdAt","op":"lte","value":"2000-01-01T00:00:00Z"}"""));
    }

    [Fact]
    public async Task free_text_matches_inside_name_phone_and_email()
    {
        var owner = Guid.CreateVersion7();
        var byName = await db.GivenCustomerAsync(new CustomerFields("Northwind Traders"), owner);
        var byPhone = await db.GivenCustomerAsync(new CustomerFields("P", Phone: "021-8877665"), owner);
        var byEmail = await db.GivenCustomerAsync(new CustomerFields("E", Email: "sales@wind.example"), owner);
        await db.GivenCustomerAsync(new CustomerFields("Other 100%"), owner);
        var scope = new CustomerListRequest(OwnerScope.Only(owner), owner, 50);

        Assert.Equal(new[] { byName, byEmail }.Order(), (await AllPagesAsync(scope with { Q = "WIND" })).Select(r => r.Id).Order());
        Assert.Equal([byPhone], (await AllPagesAsync(scope with { Q = "887766" })).Select(r => r.Id));
        Assert.Single(await AllPagesAsync(scope with { Q = "0%" }));
    }
}
