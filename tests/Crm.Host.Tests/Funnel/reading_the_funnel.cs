using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Crm.Host.Tests.Pipelines;

namespace Crm.Host.Tests.Funnel;

public sealed class reading_the_funnel(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Route = "/api/opportunities/funnel";

    private static long FirstStageCount(JsonElement answer) => answer.GetProperty("funnel").GetProperty("stages")[0].GetProperty("count").GetInt64();

    [Fact]
    public async Task a_caller_counts_only_the_opportunities_of_owners_in_their_scope()
    {
        var pipeline = await host.Admin.CreatePipelineAsync();
        var (salesId, sales) = await host.SignedInUserAsync("self", "opportunity.list");
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        await host.OpenOpportunityAsync(pipeline, salesId, 100m);
        await host.OpenOpportunityAsync(pipeline, salesId, 250.5m);
        await host.OpenOpportunityAsync(pipeline, admin, 1000m);
        var url = $"{Route}?pipelineId={pipeline.Id()}";

        var mine = await sales.GetJsonAsync(url);
        var all = await host.Admin.GetJsonAsync(url);
        var byOwner = await host.Admin.GetJsonAsync($"{url}&ownerId={salesId}");

        Assert.Equal(2, FirstStageCount(mine));
        var amount = Assert.Single(mine.GetProperty("funnel").GetProperty("stages")[0].GetProperty("amounts").EnumerateArray());
        Assert.Equal((350.5m, 70.1m), (amount.GetProperty("amount").GetDecimal(), amount.GetProperty("weightedAmount").GetDecimal()));
        Assert.Equal(3, FirstStageCount(all));
        Assert.Equal(2, FirstStageCount(byOwner));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(0, FirstStageCount(await host.Admin.GetJsonAsync($"{url}&from={today.AddDays(2):yyyy-MM-dd}")));
        Assert.Equal(3, FirstStageCount(await host.Admin.GetJsonAsync($"{url}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}")));
        // Without pipelineId: the default pipeline, which has none of these.
        Assert.Equal("Standard pipeline", (await sales.GetJsonAsync(Route)).GetProperty("funnel").GetProperty("pipelineName").GetString());
    }

    [Fact]
    public async Task owners_and_departments_outside_the_scope_are_404s_and_bad_inputs_400s()
    {
        var (_, sales) = await host.SignedInUserAsync("self", "opportunity.list");
        var admin = (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
        var department = await host.Admin.CreatedAsync("/api/departments", new { name = LeadApi.Unique("Hidden") });

        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?ownerId={admin}", null, 404, code: "user_not_found");
        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?departmentId={department.Id()}", null, 404, code: "department_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{Route}?ownerId={Guid.CreateVersion7()}", null, 404, code: "user_not_found");
        await host.Admin.RefusalAsync(HttpMethod.Get, $"{Route}?pipelineId={Guid.CreateVersion7()}", null, 404, code: "pipeline_not_found");
        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?ownerId={admin}&departmentId={department.Id()}", null, 400, "departmentId", "filter_ambiguous");
        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?from=2026-03-05&to=2026-03-01", null, 400, "to", "range_invalid");
        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?from=yesterday", null, 400, "from");
        await sales.RefusalAsync(HttpMethod.Get, $"{Route}?pipelineId=nope", null, 400, "pipelineId");
        await sales.GetJsonAsync($"{Route}?to=9999-12-31");
    }

    [Fact]
    public async Task the_funnel_needs_opportunity_list()
    {
        var (_, nobody) = await host.SignedInUserAsync("all", "pipeline.list");
        var denied = await nobody.RefusalAsync(HttpMethod.Get, Route, null, 403, code: "permission_denied");
        Assert.Equal("opportunity.list", denied.GetProperty("permission").GetString());
        await host.SignedOut.RefusalAsync(HttpMethod.Get, Route, null, 401);
    }
}
