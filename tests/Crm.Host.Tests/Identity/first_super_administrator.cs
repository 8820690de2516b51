using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Crm.Host.Tests.Identity;

public sealed class first_super_administrator : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(ReadModelMigrations.All);

    public async Task DisposeAsync() => await database.DisposeAsync();

    private WebApplicationFactory<Program> Host(string? password) => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("CRM_DATABASE", database.ConnectionString);
        web.UseSetting("CRM_ADMIN_MOBILE", "13700000000");
        if (password is not null) web.UseSetting("CRM_ADMIN_PASSWORD", password);
    });

    [Fact]
    public async Task two_hosts_starting_at_once_create_it_exactly_once_and_accept_each_others_tokens()
    {
        await using var first = Host("first-host-password");
        await using var second = Host("second-host-password");

        await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));

        await using (var cmd = database.DataSource.CreateCommand("select count(*) from org.users where is_super_admin"))
        {
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        // One shared first key, so neither host refuses the other's tokens.
        await using (var cmd = database.DataSource.CreateCommand("select count(*) from auth.data_protection_keys"))
        {
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        // Whichever host won, its password works on both, and a token from one host works on the other.
        var password = (await first.CreateClient().PostAsync("/api/auth/login", Body("first-host-password"))).IsSuccessStatusCode
            ? "first-host-password" : "second-host-password";
        var login = await first.CreateClient().PostAsync("/api/auth/login", Body(password));
        var token = (await login.JsonAsync()).GetProperty("accessToken").GetString();
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (int)(await other.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task a_restart_creates_no_second_one()
    {
        await using (var host = Host(null)) host.CreateClient();
        await using (var again = Host(null)) again.CreateClient();

        await using var cmd = database.DataSource.CreateCommand("select count(*) from org.users");
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    private static StringContent Body(string password) =>
        new($$"""{ "mobile": "13700000000", "password": "{{password}}" }""", System.Text.Encoding.UTF8, "application/json");
}
