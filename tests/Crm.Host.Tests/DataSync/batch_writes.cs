using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Products;
using static Crm.Host.Tests.Customers.CustomerApi;

namespace Crm.Host.Tests.DataSync;

/// <summary>POST /api/{kind}/batch: items checked and written one by one, answered in the bulk shape naming items[i].field.</summary>
public sealed class batch_writes(HostFixture host) : IClassFixture<HostFixture>
{
    private static string Name() => "Batched " + Guid.NewGuid().ToString("N")[..12];

    private static JsonElement Item(JsonElement answer, int index) => answer.GetProperty("items")[index];

    private static void Failed(JsonElement item, int status, string field, string code)
    {
        Assert.False(item.GetProperty("succeeded").GetBoolean(), item.ToString());
        Assert.Equal(status, item.GetProperty("status").GetInt32());
        Assert.Equal(field, item.GetProperty("field").GetString());
        Assert.Equal(code, item.GetProperty("code").GetString());
    }

    [Fact]
    public async Task each_item_succeeds_or_fails_on_its_own_and_says_which_field()
    {
        var (_, rep) = await host.SignedInUserAsync("self", SalesRep);
        var mine = await rep.CreateCustomerAsync();
        var hidden = await host.Admin.CreateCustomerAsync();
        var answer = (await rep.SendAsync(HttpMethod.Post, $"{Route}/batch", new
        {
            items = new object[]
            {
                new { action = "create", name = Name(), level = "A" },
                new { action = "create", level = "A" },
                new { action = "update", id = mine.Id(), version = 1, level = "B" },
                new { action = "update", id = mine.Id(), version = 1, level = "C" },
                new { action = "update", id = hidden.Id(), level = "C" },
                new { action = "merge", id = mine.Id() },
                new { action = "update", level = "C" },
                new { action = "create", name = Name(), version = 3 },
                new { action = "update", id = mine.Id(), ownerId = Guid.NewGuid() },
                new { action = "update", id = mine.Id(), version = 0 },
                new { action = "create", name = Name(), email = "not an email" },
            },
        })).Json();

        Assert.Equal(2, answer.GetProperty("succeeded").GetInt32());
        Assert.Equal(9, answer.GetProperty("failed").GetInt32());
        Assert.Equal(201, Item(answer, 0).GetProperty("status").GetInt32());
        Assert.Equal("A", (await rep.GetJsonAsync($"{Route}/{Item(answer, 0).Id()}")).GetProperty("level").GetString());
        Failed(Item(answer, 1), 400, "items[1].name", "name_required");
        Assert.Equal(2, Item(answer, 2).GetProperty("version").GetInt64());
        Failed(Item(answer, 3), 412, "items[3].If-Match", "stale_version");
        Failed(Item(answer, 4), 404, "items[4]", "customer_not_found");
        Failed(Item(answer, 5), 400, "items[5].action", "batch_action_invalid");
        Failed(Item(answer, 6), 400, "items[6].id", "id_required");
        Failed(Item(answer, 7), 400, "items[7].version", "version_not_allowed");
        Failed(Item(answer, 8), 400, "items[8].ownerId", "field_not_editable");
        Failed(Item(answer, 9), 400, "items[9].version", "version_out_of_range");
        Failed(Item(answer, 10), 400, "items[10].email", "email_invalid");
        Assert.NotEqual("C", (await host.Admin.GetJsonAsync($"{Route}/{hidden.Id()}")).GetProperty("level").GetString());
    }

    [Fact]
    public async Task a_batch_holds_one_to_five_hundred_items()
    {
        var tooMany = Enumerable.Range(0, 501).Select(_ => new { action = "create", name = Name() }).ToArray();
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/batch", new { items = tooMany }, 400, "items", "items_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/batch", new { items = Array.Empty<object>() }, 400, "items", "items_out_of_range");
        var listed = await host.Admin.GetJsonAsync($"{Route}?q={Uri.EscapeDataString(tooMany[0].name)}");
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        // A null item is refused with the body (a list never holds null), never a 500.
        await host.Admin.RefusedAsync(HttpMethod.Post, $"{Route}/batch", new { items = new object?[] { null, new { action = "create", name = Name() } } },
            400, "items[0]", "item_null");
    }

    [Fact]
    public async Task a_retry_with_the_idempotency_key_replays_the_items_and_creates_nothing_twice()
    {
        var body = new { items = new object[] { new { action = "create", name = Name() }, new { action = "create", name = Name() } } };
        var key = "batch-" + Guid.NewGuid().ToString("N");
        var answers = new List<JsonElement>();
        for (var i = 0; i < 2; i++)
        {
            answers.Add((await host.Admin.Scenario(s =>
            {
                s.Post.Json(body).ToUrl($"{Route}/batch");
                s.IdempotencyKey(key);
            })).Json());
        }
        Assert.Equal(Item(answers[0], 0).Id(), Item(answers[1], 0).Id());
        Assert.Equal(Item(answers[0], 1).Id(), Item(answers[1], 1).Id());
        Assert.Equal(2, answers[1].GetProperty("succeeded").GetInt32());
    }

    [Fact]
    public async Task leads_contacts_and_products_take_batches_too()
    {
        var customer = await host.Admin.CreateCustomerAsync();
        var leads = (await host.Admin.SendAsync(HttpMethod.Post, "/api/leads/batch",
            new { items = new object[] { new { action = "create", name = Name() }, new { action = "create", company = "No name" } } })).Json();
        Assert.Equal(201, Item(leads, 0).GetProperty("status").GetInt32());
        Failed(Item(leads, 1), 400, "items[1].name", "name_required");

        var contacts = (await host.Admin.SendAsync(HttpMethod.Post, "/api/contacts/batch", new
        {
            items = new object[] { new { action = "create", customerId = customer.Id(), name = Name() }, new { action = "create", name = Name() } },
        })).Json();
        Assert.Equal(201, Item(contacts, 0).GetProperty("status").GetInt32());
        Failed(Item(contacts, 1), 400, "items[1].customerId", "customer_required");
        var contact = Item(contacts, 0).Id();
        var moved = (await host.Admin.SendAsync(HttpMethod.Post, "/api/contacts/batch",
            new { items = new object[] { new { action = "update", id = contact, customerId = customer.Id(), title = "Buyer" } } })).Json();
        Failed(Item(moved, 0), 400, "items[0].customerId", "field_not_editable");

        var code = ProductApi.NewCode();
        var products = (await host.Admin.SendAsync(HttpMethod.Post, "/api/products/batch", new
        {
            items = new object[] { new { action = "create", name = Name(), code, price = 10m }, new { action = "create", name = Name(), code, price = 11m } },
        })).Json();
        Assert.Equal(201, Item(products, 0).GetProperty("status").GetInt32());
        Assert.Equal(409, Item(products, 1).GetProperty("status").GetInt32());
        var repriced = (await host.Admin.SendAsync(HttpMethod.Post, "/api/products/batch",
            new { items = new object[] { new { action = "update", id = Item(products, 0).Id(), price = 12.5m } } })).Json();
        Assert.Equal(200, Item(repriced, 0).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task every_batch_answers_the_one_bulk_shape()
    {
        var paths = (await host.Admin.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        foreach (var kind in new[] { "leads", "customers", "contacts", "products" })
        {
            var schema = paths.GetProperty($"/api/{kind}/batch").GetProperty("post").GetProperty("responses").GetProperty("200")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/BulkResponse", schema.GetProperty("$ref").GetString());
        }
    }

    [Fact]
    public async Task a_batch_needs_both_create_and_edit()
    {
        var (_, editor) = await host.SignedInUserAsync("self", "customer.edit", "customer.detail");
        await editor.RefusedAsync(HttpMethod.Post, $"{Route}/batch", new { items = new object[] { new { action = "create", name = Name() } } }, 403,
            code: "permission_denied");
    }
}
