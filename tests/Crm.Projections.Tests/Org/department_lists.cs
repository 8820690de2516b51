using Crm.Events.Org;
using Crm.Projections.Org;

namespace Crm.Projections.Tests.Org;

/// <summary>Each test works under a parent of its own, so tests sharing the database do not see each other's rows.</summary>
public sealed class department_lists(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private async Task<(Guid Parent, List<Guid> Children)> GivenChildrenAsync(params string[] names)
    {
        var parent = Guid.CreateVersion7();
        await db.AppendAsync(parent, 0, new DepartmentCreated(parent, "Parent " + parent, null));
        var children = new List<Guid>();
        foreach (var name in names)
        {
            var id = Guid.CreateVersion7();
            await db.AppendAsync(id, 0, new DepartmentCreated(id, name, parent));
            children.Add(id);
        }
        return (parent, children);
    }

    [Fact]
    public async Task pages_follow_each_other_in_name_order_without_gaps_or_repeats()
    {
        var (parent, _) = await GivenChildrenAsync("Delta", "Alpha", "Echo", "Charlie", "Bravo", "Alpha");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await db.Departments.ListAsync(new DepartmentFilter(parent), 2, cursor);
            seen.AddRange(page.Items.Select(i => i.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["Alpha", "Alpha", "Bravo", "Charlie", "Delta", "Echo"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task the_last_page_has_no_next_cursor()
    {
        var (parent, _) = await GivenChildrenAsync("One", "Two");
        var page = await db.Departments.ListAsync(new DepartmentFilter(parent), 2, null);
        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task a_child_list_shows_only_that_parents_children()
    {
        var (parent, children) = await GivenChildrenAsync("A", "B");
        await GivenChildrenAsync("C");
        var page = await db.Departments.ListAsync(new DepartmentFilter(parent), 50, null);
        Assert.Equal(children.Order(), page.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task the_top_level_list_has_no_children_in_it()
    {
        var (parent, children) = await GivenChildrenAsync("Nested");
        var all = new List<DepartmentRow>();
        string? cursor = null;
        do
        {
            var page = await db.Departments.ListAsync(new DepartmentFilter(TopLevelOnly: true), 100, cursor);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Contains(all, r => r.Id == parent);
        Assert.DoesNotContain(all, r => r.Id == children[0]);
    }

    [Fact]
    public void a_cursor_round_trips_and_garbage_is_rejected()
    {
        var id = Guid.CreateVersion7();
        Assert.True(KeysetCursor.TryDecode(KeysetCursor.Encode("Sales", id), out var position));
        Assert.Equal(("Sales", id), position);
        Assert.False(KeysetCursor.TryDecode("not a cursor!", out _));
        Assert.False(KeysetCursor.TryDecode("WyJ4Il0", out _));
    }
}
