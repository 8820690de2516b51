using Crm.EventStore.Daemon;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Host.Daemon;

/// <summary>
/// Per-projection lag in /health/ready. Lag degrades rather than fails readiness: reads from inline
/// read models are still right, only dashboards and reports trail behind. A failed projection (stopped on
/// an error, e.g. a failed rebuild) makes it unhealthy: its read model no longer follows at all. An inline read model
/// whose blue/green rebuild failed only degrades it: its live tables were never touched. With
/// PostgreSQL down it answers unhealthy (no exception, no error text: /health is unauthenticated).
/// </summary>
public sealed class ProjectionLagHealthCheck(ProjectionDaemon daemon) : IHealthCheck
{
    private static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        IReadOnlyList<ProjectionStatus> statuses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            statuses = await daemon.StatusAsync(timeout.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Projection status unavailable: PostgreSQL does not answer.");
        }
        var data = statuses.ToDictionary(s => s.Name, s => (object)new
        {
            status = s.Status,
            eventsBehind = s.EventsBehind,
            secondsBehind = Math.Round(s.TimeBehind.TotalSeconds, 1),
            deadLetters = s.DeadLetters,
            eventsProcessed = s.EventsProcessed,
        });
        var failed = statuses.Where(s => s.Status == ProjectionState.Failed && !s.Inline).Select(s => s.Name).ToList();
        if (failed.Count > 0) return HealthCheckResult.Unhealthy($"Failed: {string.Join(", ", failed)}.", data: data);
        // An inline read model whose rebuild failed still serves its old tables, right up to date: worth an operator's look, no more.
        var behind = statuses.Where(s => s.TimeBehind > DegradedAfter || s.DeadLetters > 0 || (s.Inline && s.Status == ProjectionState.Failed))
            .Select(s => s.Name).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy("Projections are caught up.", data)
            : HealthCheckResult.Degraded($"Behind or with dead letters: {string.Join(", ", behind)}.", data: data);
    }
}
