using Crm.EventStore.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Host.Daemon;

/// <summary>
/// Per-projection lag in /health/ready. Lag degrades rather than fails readiness: reads from inline
/// read models are still right, only dashboards and reports trail behind.
/// </summary>
public sealed class ProjectionLagHealthCheck(ProjectionDaemon daemon) : IHealthCheck
{
    private static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var statuses = await daemon.StatusAsync(ct);
        var data = statuses.ToDictionary(s => s.Name, s => (object)new
        {
            status = s.Status,
            eventsBehind = s.EventsBehind,
            secondsBehind = Math.Round(s.TimeBehind.TotalSeconds, 1),
            deadLetters = s.DeadLetters,
            eventsProcessed = s.EventsProcessed,
        });
        var behind = statuses.Where(s => s.TimeBehind > DegradedAfter || s.DeadLetters > 0).Select(s => s.Name).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy("Projections are caught up.", data)
            : HealthCheckResult.Degraded($"Behind or with dead letters: {string.Join(", ", behind)}.", data: data);
    }
}
