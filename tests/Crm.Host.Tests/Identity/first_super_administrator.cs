using Alba;
using Crm.Projections;
using Crm.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Crm.Host.Tests.Identity;

public sealed class first_super_administrator : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(ReadModelMigrations.All);

    public async Task DisposeAsync() => await database.DisposeAsync();

    private Task<IAlbaHost> StartAsync(string? password) => AlbaHost.For<Program>(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("CRM_DATABASE", database.ConnectionString);
        web.UseSetting("CRM_ADMIN_MOBILE", "13700000000");
        if (password is not null) web.UseSetting("CRM_ADMIN_PASSWORD", password);
    });

    [Fact]
    public async Task two_hosts_starting_at_once_create_it_exactly_once_and_accept_each_others_tokens()
    {
        var started = await Task.WhenAll(Task.Run(() => StartAsync("first-host-password")), Task.Run(() => StartAsync("second-host-password")));
        await using var first = started[0];
        await using var second = started[1];

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
        var tried = await first.Scenario(s =>
        {
            s.Post.RawJson(Body("first-host-password")).ToUrl("/api/auth/login");
            s.IgnoreStatusCode(); // which host won decides the answer
        });
        var password = tried.Status() is >= 200 and < 300 ? "first-host-password" : "second-host-password";
        var login = await first.Scenario(s => s.Post.RawJson(Body(password)).ToUrl("/api/auth/login"));
        var token = login.Json().GetProperty("accessToken").GetString()!;
        await new ApiCaller(second, token).Scenario(s => s.Get.Url("/api/auth/me"));
    }

    [Fact]
    public async Task a_restart_creates_no_second_one()
    {
        await (await StartAsync(null)).DisposeAsync();
        await (await StartAsync(null)).DisposeAsync();

        await using var cmd = database.DataSource.CreateCommand("select count(*) from org.users");
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    private static string Body(string password) => $$"""{ "mobile": "13700000000", "password": "{{password}}" }""";
}
