using System.Text.Json;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Pipelines;

/// <summary>Requests the pipeline and funnel tests share.</summary>
internal static class PipelineApi
{
    public const string Route = "/api/pipelines";

    public static object[] Stages(decimal firstRate = 20m) =>
    [
        new { name = "Qualified", winRate = firstRate }, new { name = "Proposal", winRate = 55.5m }, new { name = "Won", outcome = "won" },
        new { name = "Lost", outcome = "lost" },
    ];

    public static Task<JsonElement> CreatePipelineAsync(this ApiCaller caller, string? name = null, bool isDefault = false) =>
        caller.CreatedAsync(Route, new { name = name ?? LeadApi.Unique("Pipeline"), stages = Stages(), isDefault });

    /// <summary>An opportunity at a pipeline's first stage, made through the opportunities API, and the daemon caught up so the funnel counts it.</summary>
    public static async Task<Guid> OpenOpportunityAsync(this HostFixture host, JsonElement pipeline, Guid ownerId, decimal amount = 1000m)
    {
        var customer = (await host.Admin.CreateCustomerAsync()).Id();
        var created = await host.Admin.CreatedAsync("/api/opportunities",
            new { customerId = customer, name = "Deal", currency = "CNY", amount, ownerId, pipelineId = pipeline.Id() });
        await host.Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        return created.Id();
    }
}
