using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Products.ProductApi;

namespace Crm.Host.Tests.Products;

public sealed class product_categories(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task categories_form_a_tree_read_flat_or_nested_renamed_and_moved_in_one_patch_with_history()
    {
        var u = Guid.NewGuid().ToString("N")[..6];
        var top = await host.Admin.CreateCategoryAsync($"Top {u}");
        var child = await host.Admin.CreateCategoryAsync($"Child {u}", top.Id());
        var other = await host.Admin.CreateCategoryAsync($"Other {u}");

        var flat = await host.Admin.GetJsonAsync(Categories);
        var flatChild = flat.GetProperty("items").EnumerateArray().Single(c => c.Id() == child.Id());
        Assert.Equal(top.Id(), flatChild.GetProperty("parentId").GetGuid());
        var tree = await host.Admin.GetJsonAsync($"{Categories}?view=tree");
        var treeTop = tree.GetProperty("items").EnumerateArray().Single(c => c.Id() == top.Id());
        Assert.Equal(child.Id(), Assert.Single(treeTop.GetProperty("children").EnumerateArray()).Id());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Categories}?view=graph", null, 400, "view", "view_invalid");

        var path = $"{Categories}/{child.Id()}";
        var moved = await host.Admin.SendAsync(HttpMethod.Patch, path, new { name = $"Moved {u}", parentId = other.Id() }, ifMatch: "\"1\"");
        Assert.Equal(("\"3\"", other.Id()), (moved.ETag(), moved.Json().GetProperty("parentId").GetGuid()));
        var toTop = await host.Admin.SendAsync("PATCH", path, """{"parentId":null}""");
        Assert.Equal(JsonValueKind.Null, toTop.Json().GetProperty("parentId").ValueKind);
        var renamedOnly = await host.Admin.SendAsync(HttpMethod.Patch, path, new { name = $"Renamed {u}" });
        Assert.Equal(JsonValueKind.Null, renamedOnly.Json().GetProperty("parentId").ValueKind);
        Assert.Equal($"Renamed {u}", (await host.Admin.GetJsonAsync(path)).GetProperty("name").GetString());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { name = "X" }, 412, "If-Match", ifMatch: "\"1\"");

        var history = await host.Admin.GetJsonAsync(path + "/history");
        Assert.Equal(["created", "renamed", "moved", "moved", "renamed"],
            history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()!).ToArray());
    }

    [Fact]
    public async Task a_move_under_its_own_subtree_is_refused_also_when_two_moves_race()
    {
        var a = await host.Admin.CreateCategoryAsync("A");
        var b = await host.Admin.CreateCategoryAsync("B", a.Id());
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Categories}/{a.Id()}", new { parentId = b.Id() }, 409, "parentId", "category_cycle");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Categories}/{a.Id()}", new { parentId = a.Id() }, 409, "parentId", "category_cycle");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Categories}/{a.Id()}", new { parentId = Guid.NewGuid() }, 422, "parentId", "parent_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Categories}/{a.Id()}", new { parentId = "soft" }, 400, "parentId", "parent_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Categories}/{Guid.NewGuid()}", new { name = "X" }, 404, code: "product_category_not_found");

        for (var round = 0; round < 3; round++)
        {
            var x = await host.Admin.CreateCategoryAsync("X");
            var y = await host.Admin.CreateCategoryAsync("Y");
            var answers = await Task.WhenAll(
                host.Admin.Scenario(s => { s.Patch.Json(new { parentId = y.Id() }).ToUrl($"{Categories}/{x.Id()}"); s.IgnoreStatusCode(); }),
                host.Admin.Scenario(s => { s.Patch.Json(new { parentId = x.Id() }).ToUrl($"{Categories}/{y.Id()}"); s.IgnoreStatusCode(); }));
            Assert.Equal(1, answers.Count(r => r.Status() == 200));
            Assert.Single(answers, r => r.Status() == 409).ShouldBeProblem(409, "parentId", "category_cycle");
        }
    }

    [Fact]
    public async Task only_an_empty_category_is_deleted_and_bad_creates_name_the_field()
    {
        var parent = await host.Admin.CreateCategoryAsync("Parent");
        var child = await host.Admin.CreateCategoryAsync("Child", parent.Id());
        var holder = await host.Admin.CreateCategoryAsync("Holder");
        var product = await host.Admin.CreateProductAsync(new { categoryId = holder.Id() });

        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{Categories}/{parent.Id()}", null, 409, code: "category_not_empty");
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{Categories}/{holder.Id()}", null, 409, code: "category_not_empty");
        await host.Admin.SendAsync(HttpMethod.Patch, $"{Route}/{product.Id()}", new { categoryId = "" });
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Categories}/{holder.Id()}", status: 204);
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Categories}/{child.Id()}", status: 204);
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Categories}/{parent.Id()}", status: 204);
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Categories}/{parent.Id()}", null, 404, code: "product_category_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Delete, $"{Categories}/{parent.Id()}", null, 404, code: "product_category_not_found");
        Assert.Equal(["created", "deleted"], (await host.Admin.GetJsonAsync($"{Categories}/{parent.Id()}/history")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action").GetString()!).ToArray());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Categories}/{product.Id()}/history", null, 404, code: "product_category_not_found");

        await host.Admin.RefusedAsync(HttpMethod.Post, Categories, new { name = " " }, 400, "name", "name_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Categories, new { name = new string('x', 101) }, 400, "name", "name_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, Categories, new { name = "Orphan", parentId = Guid.NewGuid() }, 422, "parentId", "parent_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Post, Categories, new { name = "X", id = Guid.Empty }, 400, "id", "id_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, categoryId = parent.Id() }, 422, "categoryId",
            "category_not_found");
    }
}
