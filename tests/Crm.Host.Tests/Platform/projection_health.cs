using Crm.EventStore.Daemon;
using Crm.Host.Daemon;
using Crm.Projections;
using Crm.Projections.Funnel;
using Crm.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Crm.Host.Tests.Platform;

/// <summary>The projections' readiness: a failed projection is unhealthy; PostgreSQL down answers unhealthy, without throwing.</summary>
public sealed class projection_health
{
    [Fact]
    public async Task a_failed_projection_makes_the_check_unhealthy_and_names_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new EventStore.EventStore(db.DataSource, CrmEventTypes.CreateRegistry());
        var projection = new FunnelProjection();
        await using var daemon = new ProjectionDaemon(store, [projection]);
        var check = new ProjectionLagHealthCheck(daemon);
        await using (var cmd = db.DataSource.CreateCommand("insert into es.projection_checkpoints (name) values (@n)"))
        {
            cmd.Parameters.AddWithValue("n", projection.Name);
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        await using (var cmd = db.DataSource.CreateCommand("update es.projection_checkpoints set status = 'failed', last_error = 'boom' where name = @n"))
        {
            cmd.Parameters.AddWithValue("n", projection.Name);
            await cmd.ExecuteNonQueryAsync();
        }
        var failed = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, $"Failed: {projection.Name}."), (failed.Status, failed.Description));
    }

    [Fact]
    public async Task with_postgresql_down_it_answers_unhealthy_without_an_exception_or_its_text()
    {
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=crm;Database=crm;Timeout=2");
        await using var daemon = new ProjectionDaemon(new EventStore.EventStore(nowhere, CrmEventTypes.CreateRegistry()), [new FunnelProjection()]);

        var result = await new ProjectionLagHealthCheck(daemon).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Null(result.Exception);
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
    }
}
