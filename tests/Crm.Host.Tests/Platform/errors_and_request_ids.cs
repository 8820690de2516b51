using Crm.Projections.Org;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Platform;

public sealed class errors_and_request_ids(errors_and_request_ids.BrokenReadsHost host) : IClassFixture<errors_and_request_ids.BrokenReadsHost>
{
    /// <summary>The host with department reads pointed at a port nobody listens on: every read faults.</summary>
    public sealed class BrokenReadsHost : HostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton(sp => new DepartmentQueries(
                NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Timeout=1"), sp.GetRequiredService<EventStore.EventStore>()));
    }

    [Fact]
    public async Task an_unhandled_fault_is_a_500_problem_without_internals()
    {
        var response = await host.Client.GetAsync($"/api/departments/{Guid.CreateVersion7()}");

        await response.AssertProblemAsync(500);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.NotNull(response.Header("X-Request-Id"));
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        await (await host.Client.GetAsync("/api/no-such-thing")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task the_callers_request_id_is_echoed_and_put_in_problems()
    {
        var response = await host.Client.SendJsonAsync(HttpMethod.Post, "/api/departments", "{", ("X-Request-Id", "client-req-42"));
        Assert.Equal("client-req-42", response.Header("X-Request-Id"));
        var problem = await response.AssertProblemAsync(400, "body");
        Assert.Equal("client-req-42", problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task a_request_id_is_made_up_when_the_caller_sends_none()
    {
        var response = await host.Client.GetAsync("/health/live");
        Assert.False(string.IsNullOrEmpty(response.Header("X-Request-Id")));
    }
}
