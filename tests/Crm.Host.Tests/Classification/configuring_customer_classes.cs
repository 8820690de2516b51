using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Targets;
using static Crm.Host.Tests.Classification.ClassificationApi;

namespace Crm.Host.Tests.Classification;

/// <summary>GET/PUT /api/settings/customer-classes (CUS-10): permission, If-Match, and bad thresholds as 400s naming the field, never a 500.</summary>
public sealed class configuring_customer_classes(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task the_defaults_then_a_replacement_with_its_version_guarded_by_if_match_and_settings_edit()
    {
        var (_, rep) = await host.MemberAsync(null, "all", "customer.list");
        var read = await rep.SendAsync(HttpMethod.Get, Route);
        Assert.Equal("\"0\"", read.ETag());                       // the defaults: no change yet
        Assert.Equal([30, 90, 180, 365], read.Json().GetProperty("recencyDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("CNY", read.Json().GetProperty("monetary")[0].GetProperty("currency").GetString());

        await rep.RefusedAsync(HttpMethod.Put, Route, Thresholds(recency: [7, 30, 90, 180]), 403);
        var (_, stranger) = await host.MemberAsync(null, "all", "contract.list");
        await stranger.RefusedAsync(HttpMethod.Get, Route, null, 403);

        var first = (await host.Admin.SendAsync(HttpMethod.Put, Route, Thresholds(recency: [7, 30, 90, 180]))).ETag();
        var put = await host.Admin.SendAsync(HttpMethod.Put, Route, Thresholds(recency: [7, 30, 90, 180], basis: "payments",
            monetary: [new { currency = "USD", amounts = new[] { 1m, 2.5m, 3m, 4m } }]), ifMatch: first);
        Assert.NotEqual(first, put.ETag());
        Assert.Equal("payments", put.Json().GetProperty("monetaryBasis").GetString());
        Assert.Equal(2.5m, put.Json().GetProperty("monetary")[0].GetProperty("amounts")[1].GetDecimal());
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(), 412, code: "stale_version", ifMatch: first);
        Assert.Equal(put.ETag(), (await rep.SendAsync(HttpMethod.Get, Route)).ETag());
        var history = (await host.Admin.GetJsonAsync(Route + "/history")).GetProperty("items");
        Assert.Equal(2, history.GetArrayLength());
        var first_ = history[0].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("recencyDays", "30, 90, 180, 365", "7, 30, 90, 180"),
            (first_.GetProperty("field").GetString(), first_.GetProperty("old").GetString(), first_.GetProperty("new").GetString()));
        Assert.Equal(["monetaryBasis", "monetary"], history[1].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        await rep.RefusedAsync(HttpMethod.Get, Route + "/history", null, 403);
        // The same thresholds again write nothing: the version stays.
        Assert.Equal(put.ETag(), (await host.Admin.SendAsync(HttpMethod.Put, Route, Thresholds(recency: [7, 30, 90, 180], basis: "payments",
            monetary: [new { currency = "USD", amounts = new[] { 1m, 2.50m, 3m, 4m } }]))).ETag());
    }

    [Fact]
    public async Task bad_thresholds_are_400s_naming_each_field()
    {
        var version = (await host.Admin.SendAsync(HttpMethod.Get, Route)).ETag();
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(recency: [90, 30, 180, 365]), 400, "recencyDays", "thresholds_not_ascending");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(frequency: [1, 2, 3]), 400, "frequencyCounts", "thresholds_count");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(frequency: [0, 2, 3, 4]), 400, "frequencyCounts[0]", "threshold_out_of_range");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(basis: "invoices"), 400, "monetaryBasis", "monetary_basis_unknown");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, new { recencyDays = new[] { 1, 2, 3, 4 } }, 400, "frequencyCounts", "thresholds_required");
        var eur = new { currency = "EUR", amounts = new[] { 1m, 2m, 3m, 4m } };
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(monetary: [eur, eur]), 400, "monetary[1].currency", "currency_duplicate");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(monetary: [new { currency = "eu", amounts = new[] { 1m, 2m, 3m, 4m } }]),
            400, "monetary[0].currency", "currency_invalid");
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(monetary: [new { currency = "EUR", amounts = new[] { 1m, 2m, 3m, 0.001m } }]),
            400, "monetary[0].amounts[3]", "threshold_out_of_range");
        var many = Enumerable.Range(0, 21)
            .Select(i => (object)new { currency = "Q" + (char)('A' + i / 26) + (char)('A' + i % 26), amounts = new[] { 1m, 2m, 3m, 4m } });
        await host.Admin.RefusedAsync(HttpMethod.Put, Route, Thresholds(monetary: [.. many]), 400, "monetary", "too_many_currencies");

        // Values of the wrong type never reach the decider, and are 400s too.
        foreach (var body in new[]
                 {
                     """{"recencyDays":["a",2,3,4],"frequencyCounts":[1,2,3,4],"monetaryBasis":"contracts","monetary":[]}""",
                     """{"recencyDays":[1,2,3,99999999999],"frequencyCounts":[1,2,3,4],"monetaryBasis":"contracts","monetary":[]}""",
                     """{"recencyDays":[1,2,3,4],"frequencyCounts":[1,2,3,4],"monetaryBasis":"contracts","monetary":[null]}""",
                     """{"recencyDays":null,"frequencyCounts":{},"monetaryBasis":7,"monetary":"CNY"}""",
                 })
        {
            var answer = await host.Admin.Scenario(s =>
            {
                s.Put.RawJson(body).ToUrl(Route);
                s.StatusCodeShouldBe(400);
            });
            Assert.Equal("application/problem+json", answer.Context.Response.ContentType?.Split(';')[0]);
        }
        Assert.Equal(version, (await host.Admin.SendAsync(HttpMethod.Get, Route)).ETag()); // nothing was written
    }
}
