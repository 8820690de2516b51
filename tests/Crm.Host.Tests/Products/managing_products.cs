using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using static Crm.Host.Tests.Products.ProductApi;

namespace Crm.Host.Tests.Products;

public sealed class managing_products(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_product_is_created_off_shelf_edited_with_if_match_and_read_back_now_and_as_it_was()
    {
        var code = NewCode();
        var created = await host.Admin.CreateProductAsync(new
        {
            code = code.ToLowerInvariant(), unit = "seat", price = 1280, currency = "usd", custom = new { warranty = "1 year" },
        });
        Assert.Equal((code, 1280.00m, "USD", false), (created.GetProperty("code").GetString(), created.GetProperty("price").GetDecimal(),
            created.GetProperty("currency").GetString(), created.GetProperty("onShelf").GetBoolean()));
        Assert.Equal("1 year", created.GetProperty("custom").GetProperty("warranty").GetString());
        var path = $"{Route}/{created.Id()}";

        var edited = await host.Admin.SendAsync(HttpMethod.Patch, path, new { price = 1180.5m, unit = "" }, ifMatch: "\"1\"");
        Assert.Equal("\"2\"", edited.ETag());
        Assert.Equal("1180.50", edited.Json().GetProperty("price").GetRawText());
        Assert.Equal(JsonValueKind.Null, edited.Json().GetProperty("unit").ValueKind);
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { price = 1 }, 412, "If-Match", "stale_version", ifMatch: "\"1\"");

        var now = await host.Admin.Scenario(s => s.Get.Url(path));
        Assert.Equal(("\"2\"", 1180.50m), (now.ETag(), now.Json().GetProperty("price").GetDecimal()));
        Assert.Equal(1280.00m, (await host.Admin.GetJsonAsync(path + "?version=1")).GetProperty("price").GetDecimal());
        var before = Uri.EscapeDataString(created.GetProperty("createdAt").GetDateTimeOffset().AddSeconds(-1).ToString("O"));
        await host.Admin.RefusedAsync(HttpMethod.Get, path + "?asOf=" + before, null, 404, code: "product_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, path + "?version=0", null, 400, "version", "version_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Get, path + "?version=9", null, 404, code: "product_not_found");
    }

    [Fact]
    public async Task history_names_the_actor_and_each_field_old_to_new_and_survives_the_delete()
    {
        var created = await host.Admin.CreateProductAsync(new { price = 10 });
        var path = $"{Route}/{created.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path, new { price = 12.5m, description = "New" });
        await host.Admin.SendAsync(HttpMethod.Post, path + "/shelve");
        await host.Admin.SendAsync(HttpMethod.Post, path + "/unshelve");
        await host.Admin.SendAsync(HttpMethod.Delete, path, status: 204);

        var history = await host.Admin.GetJsonAsync(path + "/history");
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "edited", "shelved", "unshelved", "deleted"], items.Select(i => i.GetProperty("action").GetString()!).ToArray());
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).GetProperty("id").GetGuid();
        Assert.All(items, i => Assert.Equal(admin, i.GetProperty("actorId").GetGuid()));
        var price = items[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "price");
        Assert.Equal(("10.00 CNY", "12.50 CNY"), (price.GetProperty("old").GetString(), price.GetProperty("new").GetString()));

        await host.Admin.RefusedAsync(HttpMethod.Get, path, null, 404, code: "product_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Delete, path, null, 404, code: "product_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{Guid.NewGuid()}/history", null, 404, code: "product_not_found");
        // Any stream can be read by id: a category's is not a product's history.
        var category = await host.Admin.CreateCategoryAsync("Not a product");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{category.Id()}/history", null, 404, code: "product_not_found");
        // The deleted product's code is free again.
        await host.Admin.CreateProductAsync(new { code = created.GetProperty("code").GetString() });
    }

    [Fact]
    public async Task shelving_and_unshelving_move_the_product_on_and_off_shelf_and_the_list_follows()
    {
        var created = await host.Admin.CreateProductAsync();
        var path = $"{Route}/{created.Id()}";
        var shelved = await host.Admin.SendAsync(HttpMethod.Post, path + "/shelve");
        Assert.True(shelved.Json().GetProperty("onShelf").GetBoolean());
        Assert.Equal("\"2\"", (await host.Admin.SendAsync(HttpMethod.Post, path + "/shelve")).ETag());
        var onShelf = await host.Admin.GetJsonAsync($"{Route}?onShelf=true&limit=500&q={created.GetProperty("code").GetString()}");
        Assert.Equal(created.Id(), Assert.Single(onShelf.GetProperty("items").EnumerateArray()).Id());
        Assert.False((await host.Admin.SendAsync(HttpMethod.Post, path + "/unshelve", ifMatch: "\"2\"")).Json().GetProperty("onShelf").GetBoolean());
        await host.Admin.RefusedAsync(HttpMethod.Post, path + "/shelve", null, 412, "If-Match", ifMatch: "\"2\"");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/{Guid.NewGuid()}/unshelve", null, 404, code: "product_not_found");
    }

    [Fact]
    public async Task bad_inputs_name_the_field_and_write_nothing()
    {
        var before = await host.EventCountAsync();
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode() }, 400, "price", "price_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = -1 }, 400, "price", "price_negative");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1.234m }, 400, "price", "price_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, currency = "RMB1" }, 400, "currency",
            "currency_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = "A B", price = 1 }, 400, "code", "code_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { code = NewCode(), price = 1 }, 400, "name", "name_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = new string('x', 201), code = NewCode(), price = 1 }, 400, "name", "name_too_long");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, custom = new[] { 1 } }, 400, "custom",
            "custom_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, custom = "text" }, 400, "custom",
            "custom_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, custom = new { big = new string('x', 70_000) } },
            400, "custom", "custom_too_large");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, categoryId = Guid.NewGuid() }, 422,
            "categoryId", "category_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "X", code = NewCode(), price = 1, id = Guid.Empty }, 400, "id", "id_invalid");
        await host.Admin.ProblemAsync("POST", Route, $$"""{"name":"X","code":"{{NewCode()}}","price":"cheap"}""", 400, "price");
        await host.Admin.ProblemAsync("POST", Route, $$"""{"name":"X","code":"{{NewCode()}}","price":1e40}""", 400, "price");
        await host.Admin.ProblemAsync("POST", Route, """{"name":"X\u0000Y","code":"NUL","price":1}""", 400);
        await host.Admin.ProblemAsync("POST", Route, "{", 400);
        Assert.Equal(before, await host.EventCountAsync());

        var product = await host.Admin.CreateProductAsync();
        var path = $"{Route}/{product.Id()}";
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { categoryId = "soft" }, 400, "categoryId", "category_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { price = -5 }, 400, "price", "price_negative");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{Guid.NewGuid()}", new { price = 5 }, 404, code: "product_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?limit=0", null, 400, "limit");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?sort=price", null, 400, "sort");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?category=soft", null, 400, "category");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/search", new { filter = new { field = "shoe", op = "eq", value = "x" } }, 400, "filter.shoe");
    }

    [Fact]
    public async Task a_code_is_unique_among_live_products_whatever_its_case_and_two_racing_creates_give_one_201()
    {
        var taken = await host.Admin.CreateProductAsync();
        var code = taken.GetProperty("code").GetString()!;
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { name = "Twin", code = code.ToLowerInvariant(), price = 1 }, 409, "code", "product_code_taken");
        var other = await host.Admin.CreateProductAsync();
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{Route}/{other.Id()}", new { code }, 409, "code", "product_code_taken");

        for (var round = 0; round < 5; round++)
        {
            var racing = NewCode();
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Admin.Scenario(s =>
            {
                s.Post.Json(new { name = "Racer", code = racing, price = 1 }).ToUrl(Route);
                s.IgnoreStatusCode();
            })));
            Assert.Equal(1, responses.Count(r => r.Status() == 201));
            foreach (var refused in responses.Where(r => r.Status() != 201)) refused.ShouldBeProblem(409, "code", "product_code_taken");
        }
    }

    [Fact]
    public async Task lists_page_by_keyset_search_by_filter_tree_and_count_on_request()
    {
        var category = await host.Admin.CreateCategoryAsync("List " + Guid.NewGuid().ToString("N")[..6]);
        var sub = await host.Admin.CreateCategoryAsync("Sub", category.Id());
        var a = await host.Admin.CreateProductAsync(new { name = "A list", categoryId = category.Id() });
        var b = await host.Admin.CreateProductAsync(new { name = "B list", categoryId = sub.Id() });

        var first = await host.Admin.GetJsonAsync($"{Route}?category={category.Id()}&sort=name&limit=1&includeTotal=true");
        Assert.Equal((a.Id(), 2L), (Assert.Single(first.GetProperty("items").EnumerateArray()).Id(), first.GetProperty("total").GetInt64()));
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);
        var second = await host.Admin.GetJsonAsync($"{Route}?category={category.Id()}&sort=name&limit=1&cursor={cursor}");
        Assert.Equal(b.Id(), Assert.Single(second.GetProperty("items").EnumerateArray()).Id());

        var found = (await host.Admin.SendAsync(HttpMethod.Post, $"{Route}/search",
            new { filter = new { field = "categoryId", op = "eq", value = sub.Id() }, includeTotal = true })).Json();
        Assert.Equal(b.Id(), Assert.Single(found.GetProperty("items").EnumerateArray()).Id());
    }
}
