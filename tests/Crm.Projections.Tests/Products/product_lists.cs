using Crm.Events;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.Projections.Filtering;
using Crm.Projections.Products;

namespace Crm.Projections.Tests.Products;

public sealed class product_lists(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    [Fact]
    public async Task a_category_takes_its_sub_categories_and_on_shelf_q_and_filters_narrow_the_list()
    {
        var (top, sub, other) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await AppendAsync(top, "product-category", new ProductCategoryCreated(top, "Top", null));
        await AppendAsync(sub, "product-category", new ProductCategoryCreated(sub, "Sub", top));
        await AppendAsync(other, "product-category", new ProductCategoryCreated(other, "Other", null));
        var inTop = await ProductAsync("Alpha", "LIST-A", top, shelved: true);
        var inSub = await ProductAsync("Beta", "LIST-B", sub, shelved: false);
        await ProductAsync("Gamma", "LIST-C", other, shelved: true);
        var queries = new ProductQueries(db.Database.DataSource);
        var byName = new ListSort("name", false);

        Assert.Equal([inTop, inSub], (await queries.ListAsync(new ProductListRequest(10, Sort: byName, CategoryId: top))).Items.Select(p => p.Id));
        Assert.Equal([inSub], (await queries.ListAsync(new ProductListRequest(10, Sort: byName, CategoryId: sub))).Items.Select(p => p.Id));
        Assert.Equal([inTop], (await queries.ListAsync(new ProductListRequest(10, Sort: byName, CategoryId: top, OnShelf: true))).Items.Select(p => p.Id));
        Assert.Equal([inSub], (await queries.ListAsync(new ProductListRequest(10, Q: "list-b"))).Items.Select(p => p.Id));
        var (filter, errors) = FilterTree.Parse("""{"field":"code","op":"in","value":["LIST-A","LIST-C"]}""", ProductFilterFields.All);
        Assert.Empty(errors);
        Assert.Equal(2, await queries.CountAsync(new ProductListRequest(10, Filter: filter)));
        var first = await queries.ListAsync(new ProductListRequest(1, Sort: byName, CategoryId: top));
        var second = await queries.ListAsync(new ProductListRequest(1, first.NextCursor, byName, CategoryId: top));
        Assert.Equal((inTop, inSub, (string?)null), (first.Items[0].Id, second.Items[0].Id, second.NextCursor));
    }

    private async Task<Guid> ProductAsync(string name, string code, Guid category, bool shelved)
    {
        var id = Guid.CreateVersion7();
        var created = new ProductCreated(id, new ProductFields(name, code, category, null, new Money(10.00m, "CNY")), DateTimeOffset.UtcNow);
        await AppendAsync(id, "product", shelved ? [created, new ProductShelved(id, DateTimeOffset.UtcNow)] : [created]);
        return id;
    }

    private async Task AppendAsync(Guid id, string streamType, params object[] events) =>
        await db.Store.AppendAsync(new StreamAppend(id, streamType, ExpectedVersion.Any, events));
}
