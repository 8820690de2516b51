using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Pipelines;

/// <summary>Requests and events the pipeline and funnel tests share.</summary>
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

    /// <summary>
    /// An opportunity at a pipeline's first stage, appended as its event (opportunities' routes belong to another module), and the
    /// daemon caught up so the funnel counts it.
    /// </summary>
    public static async Task<Guid> OpenOpportunityAsync(this HostFixture host, JsonElement pipeline, Guid ownerId, decimal amount = 1000m)
    {
        var first = pipeline.GetProperty("stages")[0];
        var stage = new StageSnapshot(pipeline.Id(), first.GetProperty("stageId").GetGuid(), first.GetProperty("name").GetString()!,
            first.GetProperty("winRate").GetDecimal(), StageOutcome.Open);
        var id = Guid.CreateVersion7();
        var created = new OpportunityCreated(id, Guid.CreateVersion7(), new OpportunityFields("Deal"), [], new Money(amount, "CNY"), true, ownerId, stage,
            null, DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(StreamAppend.Start(id, "opportunity", created));
        await host.Services.GetRequiredService<ProjectionDaemon>().WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        return id;
    }
}
