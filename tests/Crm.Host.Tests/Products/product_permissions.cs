using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Products.ProductApi;

namespace Crm.Host.Tests.Products;

/// <summary>Products are not owner-scoped: each route's product.* permission is the whole rule, whatever the data scope.</summary>
public sealed class product_permissions(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task each_route_answers_403_without_its_permission_and_works_with_it_in_any_scope()
    {
        var product = await host.Admin.CreateProductAsync();
        var category = await host.Admin.CreateCategoryAsync("Perm " + Guid.NewGuid().ToString("N")[..6]);
        var path = $"{Route}/{product.Id()}";
        var (_, nobody) = await host.SignedInUserAsync("all", "customer.list");
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, Route, null), (HttpMethod.Post, $"{Route}/search", new { }), (HttpMethod.Get, path, null),
                     (HttpMethod.Get, path + "/history", null), (HttpMethod.Patch, path, new { name = "X" }), (HttpMethod.Delete, path, null),
                     (HttpMethod.Post, path + "/shelve", null), (HttpMethod.Post, path + "/unshelve", null), (HttpMethod.Get, $"{Route}/export", null),
                     (HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1 }), (HttpMethod.Get, Categories, null),
                     (HttpMethod.Post, Categories, new { name = "X" }), (HttpMethod.Patch, $"{Categories}/{category.Id()}", new { name = "X" }),
                     (HttpMethod.Delete, $"{Categories}/{category.Id()}", null), (HttpMethod.Get, $"{Categories}/{category.Id()}/history", null),
                     (HttpMethod.Get, $"{Route}/imports/{Guid.NewGuid()}", null),
                 })
        {
            await nobody.RefusedAsync(method, url, body, 403);
        }
        await nobody.Scenario(s =>
        {
            s.Post.ByteArray("code,name,price\nX,Y,1\n"u8.ToArray()).ToUrl($"{Route}/import").ContentType("text/csv");
            s.ProblemShouldBe(403);
        });
        await host.SignedOut.RefusedAsync(HttpMethod.Get, Route, null, 401);

        // A self-scoped reader sees every product: products have no owner.
        var (_, reader) = await host.SignedInUserAsync("self", "product.list", "product.detail");
        Assert.Contains(product.Id(), (await reader.GetJsonAsync($"{Route}?limit=500")).GetProperty("items").EnumerateArray().Select(i => i.Id()));
        await reader.SendAsync(HttpMethod.Get, path);
        await reader.SendAsync(HttpMethod.Get, Categories);
        await reader.RefusedAsync(HttpMethod.Patch, path, new { name = "X" }, 403);
        await reader.RefusedAsync(HttpMethod.Post, Categories, new { name = "X" }, 403);

        var (_, editor) = await host.SignedInUserAsync("self", "product.edit", "product.shelve", "product.create");
        await editor.SendAsync(HttpMethod.Patch, path, new { name = "Renamed" });
        await editor.SendAsync(HttpMethod.Post, path + "/shelve");
        await editor.CreatedAsync(Route, new { name = "Mine", code = NewCode(), price = 1 });
        await editor.CreatedAsync(Categories, new { name = "Editor's" });
        await editor.RefusedAsync(HttpMethod.Delete, path, null, 403);
    }
}
