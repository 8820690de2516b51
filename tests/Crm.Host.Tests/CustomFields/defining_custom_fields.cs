using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Opportunities;
using static Crm.Host.Tests.CustomFields.CustomFieldApi;

namespace Crm.Host.Tests.CustomFields;

public sealed class defining_custom_fields(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task a_field_is_defined_changed_and_retired_each_change_an_event_with_history()
    {
        var key = NewKey("tier");
        var field = await host.DefineAsync(key, "single_select", new { options = Options("gold", "silver"), @default = "silver", order = 5 });
        Assert.Equal(("customer", key, "single_select", "silver"), (field.GetProperty("kind").GetString(), field.GetProperty("key").GetString(),
            field.GetProperty("type").GetString(), field.GetProperty("default").GetString()));
        var path = $"{Route}/{field.Id()}";

        // Relabelling an option keeps its key; an option cannot be dropped, only retired.
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { options = Options("gold") }, 400, "options", "custom_field_option_removed");
        // A retired option cannot stay the default.
        var retiringSilver = new object[] { new { key = "gold", label = "Gold+" }, new { key = "silver", label = "Silver", retired = true } };
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { options = retiringSilver }, 400, "default", "custom_field_default_invalid");
        var changed = await host.Admin.SendAsync(HttpMethod.Patch, path,
            new { label = "Tier", @default = "gold", options = retiringSilver },
            ifMatch: "\"1\"");
        Assert.Equal("\"2\"", changed.ETag());
        Assert.Equal("Gold+", changed.Json().GetProperty("options")[0].GetProperty("label").GetString());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { label = "X" }, 412, "If-Match", ifMatch: "\"1\"");
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { unique = true }, 400, "unique", "custom_field_unique_late");

        var listed = await host.Admin.GetJsonAsync($"{Route}?kind=customer");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.Id() == field.Id());
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}?kind=planet", null, 400, "kind", "kind_invalid");

        await host.Admin.SendAsync(HttpMethod.Delete, path, status: 204);
        Assert.DoesNotContain((await host.Admin.GetJsonAsync($"{Route}?kind=customer")).GetProperty("items").EnumerateArray(), i => i.Id() == field.Id());
        Assert.Contains((await host.Admin.GetJsonAsync($"{Route}?kind=customer&includeRetired=true")).GetProperty("items").EnumerateArray(),
            i => i.Id() == field.Id());
        Assert.True((await host.Admin.GetJsonAsync(path)).GetProperty("retired").GetBoolean());
        await host.Admin.RefusedAsync(HttpMethod.Patch, path, new { label = "Back" }, 404, code: "custom_field_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{Guid.NewGuid()}", null, 404, code: "custom_field_not_found");
        await host.Admin.RefusedAsync(HttpMethod.Get, $"{Route}/{Guid.NewGuid()}/history", null, 404, code: "custom_field_not_found");

        // The key stays taken, retired or not.
        await host.Admin.RefusedAsync(HttpMethod.Post, Route, new { kind = "customer", key, label = "Again", type = "text" }, 409, "key",
            "custom_field_exists");
        var history = (await host.Admin.GetJsonAsync(path + "/history")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["defined", "changed", "retired"], history.Select(h => h.GetProperty("action").GetString()!).ToArray());
        Assert.Contains(history[1].GetProperty("changes").EnumerateArray(),
            c => c.GetProperty("field").GetString() == "label" && c.GetProperty("new").GetString() == "Tier");
    }

    public static TheoryData<string, string, string> BadDefinitions => new()
    {
        { """{"kind":"planet","key":"a","label":"A","type":"text"}""", "kind", "custom_field_kind_invalid" },
        { """{"kind":"customer","key":"Bad Key","label":"A","type":"text"}""", "key", "custom_field_key_invalid" },
        { """{"kind":"customer","key":"k1","label":"","type":"text"}""", "label", "label_required" },
        { """{"kind":"customer","key":"k2","label":"A","type":"colour"}""", "type", "custom_field_type_invalid" },
        { """{"kind":"customer","key":"k3","label":"A","type":"boolean","unique":true}""", "unique", "custom_field_unique_unsupported" },
        { """{"kind":"customer","key":"k4","label":"A","type":"single_select"}""", "options", "custom_field_options_required" },
        { """{"kind":"customer","key":"k5","label":"A","type":"text","options":[{"key":"a","label":"A"}]}""", "options",
            "custom_field_options_unexpected" },
        { """{"kind":"customer","key":"k6","label":"A","type":"multi_select","options":[{"key":"a","label":"A"},{"key":"a","label":"B"}]}""",
            "options[1]", "custom_field_option_repeated" },
        { """{"kind":"customer","key":"k7","label":"A","type":"single_select","options":[{"key":"A B","label":"A"}]}""", "options[0]",
            "custom_field_option_invalid" },
        { """{"kind":"customer","key":"k8","label":"A","type":"number","default":"ten"}""", "default", "custom_field_default_invalid" },
        { """{"kind":"customer","key":"k9","label":"A","type":"text","unique":true,"default":"x"}""", "default", "custom_field_default_unsupported" },
        { """{"kind":"customer","key":"k10","label":"A","type":"text","order":-1}""", "order", "custom_field_order_invalid" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task a_bad_definition_is_a_400_naming_the_attribute_and_nothing_is_written(string body, string field, string code)
    {
        await host.Admin.Scenario(s =>
        {
            s.Post.RawJson(body).ToUrl(Route);
            s.ProblemShouldBe(400, field, code);
        });
        Assert.DoesNotContain((await host.Admin.GetJsonAsync($"{Route}?includeRetired=true")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("label").GetString() == "A");
    }

    [Fact]
    public async Task reading_takes_custom_field_list_and_changing_custom_field_edit()
    {
        var field = await host.DefineAsync(NewKey(), "text");
        var path = $"{Route}/{field.Id()}";
        var (_, nobody) = await host.SignedInUserAsync("all", "customer.list");
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, Route, null), (HttpMethod.Get, path, null), (HttpMethod.Get, path + "/history", null),
                     (HttpMethod.Post, Route, new { kind = "customer", key = NewKey(), label = "X", type = "text" }),
                     (HttpMethod.Patch, path, new { label = "X" }), (HttpMethod.Delete, path, null),
                 })
        {
            await nobody.RefusedAsync(method, url, body, 403);
        }
        await host.SignedOut.RefusedAsync(HttpMethod.Get, Route, null, 401);

        var (_, reader) = await host.SignedInUserAsync("self", "custom-field.list");
        await reader.SendAsync(HttpMethod.Get, path);
        await reader.RefusedAsync(HttpMethod.Patch, path, new { label = "X" }, 403);
        await reader.RefusedAsync(HttpMethod.Post, Route, new { kind = "customer", key = NewKey(), label = "X", type = "text" }, 403);
        Assert.Equal("Label " + field.GetProperty("key").GetString(), (await host.Admin.GetJsonAsync(path)).GetProperty("label").GetString());
    }

    [Fact]
    public async Task the_metadata_of_a_kind_lists_built_in_and_live_custom_fields_with_their_operators_under_its_list_permission()
    {
        var key = NewKey("grade");
        await host.DefineAsync(key, "single_select", new { options = Options("a", "b"), required = true }, kind: "product");
        var retired = await host.DefineAsync(NewKey("old"), "number", kind: "product");
        await host.Admin.SendAsync(HttpMethod.Delete, $"{Route}/{retired.Id()}", status: 204);

        var fields = (await host.Admin.GetJsonAsync("/api/metadata/product")).GetProperty("fields").EnumerateArray().ToList();
        var name = fields.Single(f => f.GetProperty("name").GetString() == "name");
        Assert.Equal(("builtIn", true, true), (name.GetProperty("source").GetString(), name.GetProperty("required").GetBoolean(),
            name.GetProperty("sortable").GetBoolean()));
        var grade = fields.Single(f => f.GetProperty("name").GetString() == "custom." + key);
        Assert.Equal(("custom", "single_select", true), (grade.GetProperty("source").GetString(), grade.GetProperty("type").GetString(),
            grade.GetProperty("required").GetBoolean()));
        Assert.Equal(["a", "b"], grade.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("key").GetString()!).ToArray());
        Assert.Contains("eq", grade.GetProperty("filterOperators").EnumerateArray().Select(o => o.GetString()));
        Assert.DoesNotContain(fields, f => f.GetProperty("name").GetString() == "custom." + retired.GetProperty("key").GetString());
        Assert.DoesNotContain((await host.Admin.GetJsonAsync("/api/metadata/lead")).GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("source").GetString() == "custom");

        var (_, customersOnly) = await host.SignedInUserAsync("self", "customer.list");
        await customersOnly.SendAsync(HttpMethod.Get, "/api/metadata/customer");
        await customersOnly.RefusedAsync(HttpMethod.Get, "/api/metadata/product", null, 403);
        await host.SignedOut.RefusedAsync(HttpMethod.Get, "/api/metadata/customer", null, 401);
    }

    [Fact]
    public async Task opportunity_lists_filter_on_their_kinds_custom_fields()
    {
        var score = NewKey("score");
        await host.DefineAsync(score, "number", kind: "opportunity");
        var low = await host.CreateOpportunityAsync(host.Admin, extra: new { custom = new Dictionary<string, object> { [score] = 5 } });
        var high = await host.CreateOpportunityAsync(host.Admin, extra: new { custom = new Dictionary<string, object> { [score] = 50 } });
        var found = (await host.Admin.Scenario(s => s.Post.Json(new { filter = new { field = "custom." + score, op = "gt", value = 10 }, limit = 100 })
            .ToUrl("/api/opportunities/search"))).Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Equal([high.Id()], found);
        Assert.NotEqual(low.Id(), high.Id());
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { filter = new { field = "custom.nosuch", op = "eq", value = 1 } }).ToUrl("/api/opportunities/search");
            s.ProblemShouldBe(400, "filter.custom.nosuch");
        });
    }
}
