using System.Text.Json;
using Crm.Events.Org;
using Crm.EventStore;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Org.RoleApi;

namespace Crm.Host.Tests.Org;

public sealed class managing_roles(HostFixture host) : IClassFixture<HostFixture>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task a_created_role_answers_201_with_its_permissions_scope_and_etag()
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route,
            """{ "name": " Sales rep ", "description": "Front line", "permissions": ["pool.claim", "customer.create", "pool.claim"], "dataScope": "self_and_subordinates" }""");

        Assert.Equal(201, (int)response.StatusCode);
        var role = await response.JsonAsync();
        Assert.Equal("Sales rep", role.GetProperty("name").GetString());
        Assert.Equal(["customer.create", "pool.claim"], role.Permissions());
        Assert.Equal("self_and_subordinates", role.GetProperty("dataScope").GetString());
        Assert.Equal("\"1\"", response.ETag());
        var read = await Client.GetAsync($"{Route}/{role.GetProperty("id").GetGuid()}");
        Assert.Equal(200, (int)read.StatusCode);
    }

    [Theory]
    [InlineData("""{ "permissions": [], "dataScope": "self" }""", "name")]
    [InlineData("""{ "name": "", "permissions": [], "dataScope": "self" }""", "name")]
    [InlineData("""{ "name": "x", "description": "DESC", "permissions": [], "dataScope": "self" }""", "description")]
    [InlineData("""{ "name": "Bad perm", "permissions": ["customer.create", "customer.teleport"], "dataScope": "self" }""", "permissions")]
    [InlineData("""{ "name": "Bad scope", "permissions": [], "dataScope": "company" }""", "dataScope")]
    [InlineData("""{ "name": "No scope", "permissions": [] }""", "dataScope")]
    public async Task bad_input_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        body = body.Replace("DESC", new string('d', 501), StringComparison.Ordinal);
        var before = await EventCountAsync();

        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, body);

        await response.AssertProblemAsync(400, field);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task an_over_long_name_is_a_400()
    {
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, JsonSerializer.Serialize(new { name = new string('n', 101), permissions = Array.Empty<string>(), dataScope = "self" }));
        await response.AssertProblemAsync(400, "name");
    }

    [Fact]
    public async Task a_second_role_with_the_same_name_is_a_409()
    {
        await Client.CreateRoleAsync("Duplicate");
        var response = await Client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "duplicate", "permissions": [], "dataScope": "all" }""");
        var problem = await response.AssertProblemAsync(409, "name");
        Assert.Equal("role_name_taken", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_patch_changes_only_the_fields_sent_and_the_history_names_old_and_new()
    {
        var role = await Client.CreateRoleAsync("Manager", "self", "customer.list");
        var id = role.GetProperty("id").GetGuid();

        var response = await Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{id}",
            """{ "permissions": ["customer.list", "customer.transfer"], "dataScope": "department" }""", ("If-Match", "\"1\""));

        Assert.Equal(200, (int)response.StatusCode);
        var changed = await response.JsonAsync();
        Assert.Equal(("Manager", "department"), (changed.GetProperty("name").GetString(), changed.GetProperty("dataScope").GetString()));
        Assert.Equal("\"3\"", response.ETag());
        var history = await (await Client.GetAsync($"{Route}/{id}/history")).JsonAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "permissions-changed", "data-scope-changed"], items.Select(i => i.GetProperty("action").GetString()));
        var granted = items[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "granted");
        Assert.Equal("customer.transfer", granted.GetProperty("new").GetString());
        var scope = items[2].GetProperty("changes")[0];
        Assert.Equal(("self", "department"), (scope.GetProperty("old").GetString(), scope.GetProperty("new").GetString()));

        var asCreated = await (await Client.GetAsync($"{Route}/{id}?version=1")).JsonAsync();
        Assert.Equal("self", asCreated.GetProperty("dataScope").GetString());
    }

    [Theory]
    [InlineData("""{ "permissions": ["customer.list", "customer.fly"] }""", "permissions")]
    [InlineData("""{ "dataScope": "galaxy" }""", "dataScope")]
    [InlineData("""{ "name": " " }""", "name")]
    [InlineData("""{ "name": "OK", "description": "DESC" }""", "description")]
    public async Task a_bad_patch_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var id = (await Client.CreateRoleAsync("Patch target " + Guid.NewGuid().ToString("N")[..6])).GetProperty("id").GetGuid();
        var before = await EventCountAsync();

        var response = await Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{id}", body.Replace("DESC", new string('d', 501), StringComparison.Ordinal));

        await response.AssertProblemAsync(400, field);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task a_create_retried_with_the_same_idempotency_key_answers_the_first_role()
    {
        const string body = """{ "name": "Retried", "permissions": ["customer.list"], "dataScope": "self" }""";
        var first = await Client.SendJsonAsync(HttpMethod.Post, Route, body, ("Idempotency-Key", "role-retry-1"));
        var again = await Client.SendJsonAsync(HttpMethod.Post, Route, body, ("Idempotency-Key", "role-retry-1"));

        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_an_unknown_role_a_404()
    {
        var role = await Client.CreateRoleAsync("Stale check");
        var id = role.GetProperty("id").GetGuid();
        await Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{id}", """{ "description": "one" }""");

        var stale = await Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{id}", """{ "description": "two" }""", ("If-Match", "\"1\""));
        await stale.AssertProblemAsync(412);
        var unknown = await Client.SendJsonAsync(HttpMethod.Patch, $"{Route}/{Guid.CreateVersion7()}", """{ "description": "x" }""");
        await unknown.AssertProblemAsync(404);
        await (await Client.GetAsync($"{Route}/{Guid.CreateVersion7()}/history")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task a_role_held_by_a_user_cannot_be_deleted_and_a_free_one_can()
    {
        var held = (await Client.CreateRoleAsync("Held")).GetProperty("id").GetGuid();
        var free = (await Client.CreateRoleAsync("Free")).GetProperty("id").GetGuid();
        var user = Guid.CreateVersion7();
        await host.Factory.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(new StreamAppend(user, "user", ExpectedVersion.NoStream,
            [new UserRegistered(user, "+8613800000001", "Li", "unspecified", null, null, null, null, [held])]));

        var refused = await Client.DeleteAsync($"{Route}/{held}");
        var problem = await refused.AssertProblemAsync(409);
        Assert.Equal("role_in_use", problem.GetProperty("code").GetString());

        var deleted = await Client.DeleteAsync($"{Route}/{free}");
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.True((await deleted.JsonAsync()).GetProperty("isDeleted").GetBoolean());
        var list = await (await Client.GetAsync($"{Route}?limit=500")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == free);
        await (await Client.DeleteAsync($"{Route}/{free}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task the_permission_catalogue_lists_modules_permissions_and_scopes()
    {
        var catalogue = await (await Client.GetAsync("/api/permissions")).JsonAsync();

        var names = catalogue.GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("permissions").EnumerateArray()).Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("customer.create", names);
        Assert.Contains("contract.approve", names);
        Assert.Equal(5, catalogue.GetProperty("dataScopes").GetArrayLength());
    }

    [Fact]
    public async Task without_a_token_it_is_a_401_and_without_the_permission_a_403()
    {
        await (await host.Anonymous.GetAsync(Route)).AssertProblemAsync(401);
        var reader = (await Client.CreateRoleAsync("Role reader", "self", "role.list")).GetProperty("id").GetGuid();
        var created = await Client.SendJsonAsync(HttpMethod.Post, "/api/users", JsonSerializer.Serialize(
            new { mobile = "13900000077", password = "reader-password", displayName = "Reader", roleIds = new[] { reader } }, JsonSerializerOptions.Web));
        Assert.Equal(201, (int)created.StatusCode);
        var client = await host.SignedInClientAsync("13900000077", "reader-password");

        Assert.Equal(200, (int)(await client.GetAsync(Route)).StatusCode);
        var refused = await client.SendJsonAsync(HttpMethod.Post, Route, """{ "name": "Sneaky", "permissions": ["role.edit"], "dataScope": "all" }""");
        var problem = await refused.AssertProblemAsync(403);
        Assert.Equal("role.create", problem.GetProperty("permission").GetString());

        var mine = await (await client.GetAsync("/api/permissions/mine")).JsonAsync();
        Assert.False(mine.GetProperty("isSuperAdmin").GetBoolean());
        Assert.Equal(["role.list"], mine.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var admin = await (await Client.GetAsync("/api/permissions/mine")).JsonAsync();
        Assert.True(admin.GetProperty("isSuperAdmin").GetBoolean());
        Assert.Equal("all", admin.GetProperty("dataScopes").GetProperty("customer").GetString());
        await (await host.Anonymous.GetAsync("/api/permissions/mine")).AssertProblemAsync(401);
    }

    private async Task<long> EventCountAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
