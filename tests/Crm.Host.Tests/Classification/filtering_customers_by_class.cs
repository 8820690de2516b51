using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Scenes;
using Crm.Host.Tests.Targets;
using static Crm.Host.Tests.Classification.ClassificationApi;

namespace Crm.Host.Tests.Classification;

/// <summary>
/// CUS-10's classes on customers: in the detail and lists, as filter fields of the search and of a saved scene, computed when read
/// from the facts the daemon keeps and the thresholds configured now.
/// </summary>
public sealed class filtering_customers_by_class(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<List<Guid>> SearchAsync(string q, params object[] conditions)
    {
        var found = await host.Admin.Scenario(s => s.Post.Json(new { q, filter = new { and = conditions } }).ToUrl($"{CustomerApi.Route}/search"));
        return found.Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
    }

    private static object Where(string field, string op, object value) => new { field, op, value };

    [Fact]
    public async Task classes_show_on_the_detail_and_the_list_and_filter_the_search_and_a_scene()
    {
        await host.Admin.SendAsync(HttpMethod.Put, Route, Thresholds());
        var name = "Class " + Guid.NewGuid().ToString("N")[..8];
        var (loyal, lapsed, fresh) = ((await host.Admin.CreateCustomerAsync(name: name + " loyal")).Id(),
            (await host.Admin.CreateCustomerAsync(name: name + " lapsed")).Id(), (await host.Admin.CreateCustomerAsync(name: name + " fresh")).Id());
        for (var i = 0; i < 5; i++) await host.DealAsync(loyal, 60_000m, 3 + i);       // 300,000 CNY in 5 deals, 3 days ago
        await host.DealAsync(lapsed, 5_000m, 200);
        await host.DealAsync(lapsed, 70_000m, 100, "USD");                            // USD has no bounds: not classed
        await host.CaughtUpAsync();

        var detail = (await host.Admin.GetJsonAsync($"{CustomerApi.Route}/{loyal}")).GetProperty("classes");
        Assert.Equal((5, 4, 4, 5), (detail.GetProperty("recency").GetInt32(), detail.GetProperty("frequency").GetInt32(),
            detail.GetProperty("monetary").GetInt32(), detail.GetProperty("contractCount").GetInt32()));
        Assert.Equal(300_000m, detail.GetProperty("spend")[0].GetProperty("contractAmount").GetDecimal());
        var listed = (await host.Admin.GetJsonAsync($"{CustomerApi.Route}?q={Uri.EscapeDataString(name)}")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.Id(), i => i.GetProperty("classes"));
        Assert.Equal(JsonValueKind.Null, listed[fresh].GetProperty("recency").ValueKind);
        Assert.Equal((3, 2, 1), (listed[lapsed].GetProperty("recency").GetInt32(), listed[lapsed].GetProperty("frequency").GetInt32(),
            listed[lapsed].GetProperty("monetary").GetInt32()));

        // A reader of every customer whose contract and payment lists are their own sees the classes, not the money under them.
        var (_, reader) = await host.MemberAsync(null, "all", "customer.list", "customer.detail");
        var narrow = (await reader.GetJsonAsync($"{CustomerApi.Route}/{loyal}")).GetProperty("classes");
        Assert.Equal((5, JsonValueKind.Null, 0), (narrow.GetProperty("recency").GetInt32(), narrow.GetProperty("contractCount").ValueKind,
            narrow.GetProperty("spend").GetArrayLength()));
        // Nor may they filter by it (a filter is a read, one bit at a time): the list, the export and the report refuse the fields.
        var byFact = new { q = name, filter = new { and = new[] { Where("contractCount", "gte", 5) } } };
        await reader.Scenario(s =>
        {
            s.Post.Json(byFact).ToUrl($"{CustomerApi.Route}/search");
            s.ProblemShouldBe(400, "filter.contractCount", "filter_invalid");
        });
        var (_, exporter) = await host.MemberAsync(null, "all", "customer.list", "customer.export", "report.view");
        await exporter.Scenario(s =>
        {
            s.Post.Json(new { filter = byFact.filter }).ToUrl($"{CustomerApi.Route}/export");
            s.ProblemShouldBe(400, "filter.contractCount", "filter_invalid");
        });
        await exporter.Scenario(s =>
        {
            s.Get.Url($"/api/reports/customers?{Reports.ReportApi.Filter(byFact.filter)}");
            s.ProblemShouldBe(400, "filter.contractCount", "filter_invalid");
        });
        Assert.Equal([loyal], await SearchAsync(name, Where("recencyClass", "gte", 4), Where("contractCount", "gte", 5)));

        Assert.Equal([loyal], await SearchAsync(name, Where("recencyClass", "gte", 4)));
        Assert.Equal([lapsed], await SearchAsync(name, Where("monetaryClass", "eq", 1)));
        Assert.Equal([fresh], await SearchAsync(name, new { field = "recencyClass", op = "isNull", value = true }));
        Assert.Equal([lapsed], await SearchAsync(name, Where("contractCount", "between", new[] { 1, 2 })));
        Assert.Equal([loyal], await SearchAsync(name, Where("lastContractAt", "gte", DateTimeOffset.UtcNow.AddDays(-30))));
        Assert.Equal([lapsed], await SearchAsync(name, Where("daysSinceLastContract", "gt", 50)));
        Assert.Equal([lapsed], await SearchAsync(name, Where("firstContractAt", "lte", DateTimeOffset.UtcNow.AddDays(-150))));
        Assert.Equal(3, (await SearchAsync(name, Where("lastPaymentOn", "isNull", true))).Count);   // no payment yet
        Assert.Empty(await SearchAsync(name, Where("lastPaymentOn", "gte", DateTimeOffset.UtcNow.AddYears(-5))));
        Assert.Equal([loyal], await SearchAsync(name, Where("followUpStatus", "eq", "closed_deal"), Where("frequencyClass", "gte", 4)));

        var scene = await host.Admin.CreateSceneAsync("customers", filter: new { and = new[] { Where("recencyClass", "lte", 3) } }, sort: "name");
        var results = await host.Admin.Scenario(s => s.Post.Json(new { }).ToUrl($"{SceneApi.Route}/{scene.Id()}/results"));
        var ids = results.Json().GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(lapsed, ids);
        Assert.DoesNotContain(loyal, ids);

        // New thresholds apply to the next read: nothing is recomputed.
        await host.Admin.SendAsync(HttpMethod.Put, Route, Thresholds(recency: [1, 2, 400, 500],
            monetary: [new { currency = "USD", amounts = new[] { 1_000m, 2_000m, 3_000m, 50_000m } }]));
        Assert.Equal([lapsed], await SearchAsync(name, Where("recencyClass", "eq", 3), Where("monetaryClass", "eq", 5)));
    }

    [Fact]
    public async Task a_filter_of_the_wrong_type_on_a_class_is_a_400_naming_it()
    {
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { filter = new { and = new[] { Where("recencyClass", "contains", "5") } } }).ToUrl($"{CustomerApi.Route}/search");
            s.ProblemShouldBe(400, "filter.recencyClass", "filter_invalid");
        });
        await host.Admin.Scenario(s =>
        {
            s.Post.Json(new { kind = "customers", name = "Bad class", filter = new { and = new[] { Where("monetaryClass", "gte", "high") } } })
                .ToUrl(SceneApi.Route);
            s.ProblemShouldBe(400, "filter.monetaryClass");
        });
    }
}
