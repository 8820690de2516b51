using System.Text.Json;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Pool;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Workflows;

/// <summary>Workflow calls shared by the workflow test classes.</summary>
internal static class WorkflowApi
{
    public const string Route = "/api/workflows";

    /// <summary>A workflow (a unique name) with the trigger, condition and actions given, created by the caller (201).</summary>
    public static Task<JsonElement> CreateWorkflowAsync(this ApiCaller caller, object trigger, object[] actions, object? condition = null,
        string? webhookSecret = null, bool enabled = true) =>
        caller.CreatedAsync(Route, new { name = "Rule " + Guid.NewGuid().ToString("N")[..10], enabled, trigger, condition, actions, webhookSecret });

    /// <summary>The workflow's runs, newest first.</summary>
    public static async Task<List<JsonElement>> RunsAsync(this ApiCaller caller, Guid workflowId)
    {
        var page = await caller.Scenario(s => s.Get.Url($"{Route}/{workflowId}/runs?limit=100"));
        return [.. page.Json().GetProperty("items").EnumerateArray()];
    }

    /// <summary>The one run of the workflow about the record.</summary>
    public static async Task<JsonElement> RunAboutAsync(this ApiCaller caller, Guid workflowId, Guid recordId) =>
        Assert.Single(await caller.RunsAsync(workflowId), r => r.GetProperty("recordId").GetGuid() == recordId);

    public static string Status(this JsonElement run) => run.GetProperty("status").GetString()!;

    public static string? Reason(this JsonElement run) => run.GetProperty("reason").GetString();

    /// <summary>
    /// Caught up until nothing more happens: a run's actions append events the daemon then hands on, so one catch-up is not the end of a
    /// chain of runs. Waits on the daemon and the outbox (never a sleep), a few rounds.
    /// </summary>
    public static async Task SettledAsync(this HostFixture host)
    {
        for (var i = 0; i < 4; i++) await host.CaughtUpAsync();
    }

    public static async Task SettledAsync(this TwoHosts hosts)
    {
        for (var i = 0; i < 4; i++) await hosts.CaughtUpAsync();
    }

    public static Npgsql.NpgsqlDataSource Data(this HostFixture host) => host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
}
