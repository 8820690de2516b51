using System.Globalization;
using Crm.Host.Platform;
using Crm.Projections.Org;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Platform;

public sealed class errors_and_request_ids(errors_and_request_ids.BrokenReadsHost host) : IClassFixture<errors_and_request_ids.BrokenReadsHost>
{
    /// <summary>
    /// The host with department reads and the readiness probe pointed at a port nobody listens on (the
    /// database unavailable), and position reads at a database that does not exist (a fault of ours).
    /// </summary>
    public sealed class BrokenReadsHost : HostFixture
    {
        private static readonly NpgsqlDataSource Nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Timeout=1");

        private static readonly NpgsqlDataSource NoSuchDatabase = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(Crm.Testing.TestDatabase.AdminConnectionString) { Database = "crm_no_such_database" }.ConnectionString);

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton(sp => new DepartmentQueries(Nowhere, sp.GetRequiredService<EventStore.EventStore>()));
            services.AddSingleton(sp => new PositionQueries(NoSuchDatabase, sp.GetRequiredService<EventStore.EventStore>()));
            services.Configure<HealthCheckServiceOptions>(o =>
                o.Registrations.Single(r => r.Name == "database").Factory = _ => new DatabaseHealthCheck(Nowhere));
        }
    }

    [Fact]
    public async Task ready_is_a_503_when_the_database_does_not_answer_while_live_stays_200()
    {
        var ready = await host.Admin.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBe(503);
        });
        Assert.Equal("Unhealthy", ready.Json().GetProperty("status").GetString());
        await host.Admin.Scenario(s => s.Get.Url("/health/live"));
    }

    [Fact]
    public async Task an_unhandled_fault_is_a_500_problem_without_internals()
    {
        // Changed in issue 10: an unreachable database is a 503 now (below); a fault of ours stays a 500.
        var fault = await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/positions/{Guid.CreateVersion7()}");
            s.ProblemShouldBe(500);
            s.ContentShouldNotContain("Npgsql").ContentShouldNotContain(" at ");
        });
        Assert.DoesNotContain("Npgsql", fault.ReadAsText(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(fault.Header("X-Request-Id"));
    }

    [Fact]
    public async Task an_unreachable_database_is_a_503_problem_with_retry_after_and_without_internals()
    {
        var outage = await host.Admin.Scenario(s =>
        {
            s.Get.Url($"/api/departments/{Guid.CreateVersion7()}");
            s.ProblemShouldBe(503, code: "database_unavailable");
            s.Header("Retry-After").SingleValueShouldEqual(UnhandledExceptionHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
            s.ContentShouldNotContain(" at ");
        });
        Assert.DoesNotContain("Npgsql", outage.ReadAsText(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(outage.Header("X-Request-Id"));
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        await host.Admin.Scenario(s =>
        {
            s.Get.Url("/api/no-such-thing");
            s.ProblemShouldBe(404);
        });
    }

    [Fact]
    public async Task the_callers_request_id_is_echoed_and_put_in_problems()
    {
        var refused = await host.Admin.Scenario(s =>
        {
            s.Post.RawJson("{").ToUrl("/api/departments");
            s.WithRequestHeader("X-Request-Id", "client-req-42");
            s.ProblemShouldBe(400, "body");
            s.Header("X-Request-Id").SingleValueShouldEqual("client-req-42");
        });
        Assert.Equal("client-req-42", refused.Json().GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task a_request_id_is_made_up_when_the_caller_sends_none()
    {
        var live = await host.Admin.Scenario(s => s.Get.Url("/health/live"));
        Assert.False(string.IsNullOrEmpty(live.Header("X-Request-Id")));
    }
}
