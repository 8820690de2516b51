using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Scenes;
using static Crm.Host.Tests.CustomFields.CustomFieldApi;

namespace Crm.Host.Tests.CustomFields;

/// <summary>Custom values on customers (SET-1): checked on create and edit, stored, shown in detail, list and history, filtered.</summary>
public sealed class customer_custom_values(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task values_are_checked_by_type_stored_shown_and_recorded_old_to_new()
    {
        var tier = NewKey("tier");
        var seats = NewKey("seats");
        var since = NewKey("since");
        var topics = NewKey("topics");
        await host.DefineAsync(since, "date");
        await host.DefineAsync(topics, "multi_select", new { options = Options("crm", "erp", "bi") });
        await host.DefineAsync(tier, "single_select", new { options = Options("gold", "silver"), @default = "silver" });
        var required = await host.DefineAsync(seats, "number", new { required = true });
        try
        {
            await ValuesAsync(tier, seats, since, topics);
        }
        finally
        {
            // The other tests of the class create customers without it.
            await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{required.Id()}", status: 204);
        }
    }

    private static string Name() => LeadApi.Unique("Acme");

    private async Task ValuesAsync(string tier, string seats, string since, string topics)
    {
        await host.Admin.RefusedAsync(HttpMethod.Post, CustomerApi.Route, new { name = Name(), custom = new Dictionary<string, object>() }, 400,
            "custom." + seats, "custom_field_required");
        await host.Admin.RefusedAsync(HttpMethod.Post, CustomerApi.Route,
            new { name = Name(), custom = new Dictionary<string, object> { [seats] = "many" } }, 400, "custom." + seats, "custom_value_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, CustomerApi.Route,
            new { name = Name(), custom = new Dictionary<string, object> { [seats] = 3, ["nosuch"] = 1 } }, 400, "custom.nosuch",
            "custom_field_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Post, CustomerApi.Route,
            new { name = Name(), custom = new Dictionary<string, object> { [seats] = new { nested = 1 } } }, 400, "custom." + seats,
            "custom_value_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Post, CustomerApi.Route, new { name = Name(), custom = new[] { 1 } }, 400, "custom",
            "custom_invalid");

        var created = await host.Admin.CreateCustomerAsync(
            new { custom = new Dictionary<string, object> { [seats] = 12.50m, [topics] = new[] { "bi", "crm" } } });
        var custom = created.Custom();
        Assert.Equal(("silver", 12.5m), (custom.GetProperty(tier).GetString(), custom.GetProperty(seats).GetDecimal()));
        Assert.Equal(["crm", "bi"], custom.GetProperty(topics).EnumerateArray().Select(t => t.GetString()!).ToArray());

        var path = $"{CustomerApi.Route}/{created.Id()}";
        await host.Admin.SendAsync(HttpMethod.Patch, path,
            new { custom = new Dictionary<string, object?> { [tier] = "gold", [since] = "2026-03-01", [topics] = null } });
        var detail = await host.Admin.GetJsonAsync(path);
        Assert.Equal("gold", detail.Custom().GetProperty(tier).GetString());
        Assert.Equal("2026-03-01", detail.Custom().GetProperty(since).GetString());
        Assert.False(detail.Custom().TryGetProperty(topics, out _));
        Assert.Equal(12.5m, detail.Custom().GetProperty(seats).GetDecimal());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { custom = new Dictionary<string, object?> { [seats] = null } }, 400, "custom." + seats,
            "custom_field_required");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { custom = new Dictionary<string, object?> { [since] = "01/03/2026" } }, 400,
            "custom." + since, "custom_value_invalid");

        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().ToList();
        var edit = history.Single(h => h.GetProperty("action").GetString() == "edited").GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(edit, c => c.GetProperty("field").GetString() == "custom." + tier && c.GetProperty("old").GetString() == "\"silver\""
            && c.GetProperty("new").GetString() == "\"gold\"");
        Assert.Contains(history[0].GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "custom." + seats);

        var listed = await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { filter = new { and = new object[] { new { field = "custom." + tier, op = "eq", value = "gold" } } } })
                .ToUrl(CustomerApi.Route + "/search");
        });
        var item = Assert.Single(listed.Json().GetProperty("items").EnumerateArray());
        Assert.Equal("gold", item.Custom().GetProperty(tier).GetString());
    }

    [Fact]
    public async Task filters_on_custom_fields_take_the_operators_of_their_type()
    {
        var score = NewKey("score");
        var vip = NewKey("vip");
        var met = NewKey("met");
        var tags = NewKey("tags");
        var keeper = NewKey("keeper");
        await host.DefineAsync(score, "number");
        await host.DefineAsync(vip, "boolean");
        await host.DefineAsync(met, "datetime");
        await host.DefineAsync(tags, "multi_select", new { options = Options("a", "b") });
        await host.DefineAsync(keeper, "user");
        var me = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var low = await host.Admin.CreateCustomerAsync(
            new { custom = new Dictionary<string, object> { [score] = 3, [vip] = false, [met] = "2026-01-05T10:00:00+08:00" } });
        var high = await host.Admin.CreateCustomerAsync(new Dictionary<string, object>
            { ["custom"] = new Dictionary<string, object> { [score] = 90, [vip] = true, [tags] = new[] { "b" }, [keeper] = me } });

        async Task<Guid[]> Found(object condition) => (await host.Admin.Scenario(s =>
                s.Post.Json(new { filter = new { and = new[] { condition } }, limit = 100 }).ToUrl(CustomerApi.Route + "/search")))
            .Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray();

        Assert.Equal([high.Id()], await Found(new { field = "custom." + score, op = "gt", value = 10 }));
        Assert.Equal([low.Id()], await Found(new { field = "custom." + score, op = "between", value = new[] { 1, 5 } }));
        Assert.Equal([high.Id()], await Found(new { field = "custom." + vip, op = "eq", value = true }));
        Assert.Equal([low.Id()], await Found(new { field = "custom." + met, op = "lte", value = "2026-01-05T02:00:00Z" }));
        Assert.Equal([high.Id()], await Found(new { field = "custom." + tags, op = "contains", value = "b" }));
        Assert.Equal([high.Id()], await Found(new { field = "custom." + keeper, op = "in", value = new[] { me } }));
        Assert.Contains(low.Id(), await Found(new { field = "custom." + tags, op = "isNull", value = true }));
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { filter = new { field = "custom." + vip, op = "gt", value = 1 } }).ToUrl(CustomerApi.Route + "/search");
            s.ProblemShouldBe(400, "filter.custom." + vip);
        });
    }

    [Fact]
    public async Task a_unique_value_is_taken_once_even_by_concurrent_creates_and_a_user_value_must_be_an_enabled_user()
    {
        var code = NewKey("code");
        var keeper = NewKey("keeper");
        await host.DefineAsync(code, "text", new { unique = true });
        await host.DefineAsync(keeper, "user");
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Admin.Scenario(s =>
        {
            s.Post.Json(new { name = Name(), custom = new Dictionary<string, object> { [code] = "C-1" } }).ToUrl(CustomerApi.Route);
            s.IgnoreStatusCode();
        })));
        Assert.True(answers.All(a => a.Context.Response.StatusCode != 400), answers[0].ReadAsText());
        Assert.Equal([201, 409, 409, 409], answers.Select(a => a.Context.Response.StatusCode).Order().ToArray());
        Assert.Contains(answers, a => a.Context.Response.StatusCode == 409 && a.ReadAsText().Contains("custom_value_taken", StringComparison.Ordinal));

        var other = await host.Admin.CreateCustomerAsync();
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{CustomerApi.Route}/{other.Id()}", new { custom = new Dictionary<string, object> { [code] = "C-1" } },
            409, "custom." + code, "custom_value_taken");
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{CustomerApi.Route}/{other.Id()}",
            new { custom = new Dictionary<string, object> { [keeper] = Guid.NewGuid() } }, 422, "custom." + keeper);
        await host.Admin.RefusedAsync(HttpMethod.Patch, $"{CustomerApi.Route}/{Guid.NewGuid()}",
            new { custom = new Dictionary<string, object> { [keeper] = Guid.NewGuid() } }, 404, code: "customer_not_found");
    }

    [Fact]
    public async Task a_customer_scene_saves_and_applies_a_custom_field_filter()
    {
        var band = NewKey("band");
        await host.DefineAsync(band, "text");
        var marked = await host.Admin.CreateCustomerAsync(new { custom = new Dictionary<string, object> { [band] = "B7" } });
        var scene = await host.Admin.CreateSceneAsync("customers", filter: new { field = "custom." + band, op = "eq", value = "B7" });
        var results = (await host.Admin.Scenario(s => s.Post.Json(new { }).ToUrl($"/api/scenes/{scene.Id()}/results"))).Json();
        Assert.Equal([marked.Id()], results.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray());
        var unknown = new { field = "custom.nosuch", op = "eq", value = 1 };
        await host.Admin.RefusedAsync(HttpMethod.Post, "/api/scenes", new { kind = "customers", name = Name(), filter = unknown }, 400, "filter.custom.nosuch");
    }
}
