using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Crm.Host.Platform;

/// <summary>Ready only when PostgreSQL answers: every request needs it.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var cmd = dataSource.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // No exception text: it can carry host names and user names, and /health is unauthenticated.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}
