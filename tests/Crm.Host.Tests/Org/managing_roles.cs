using Crm.Events.Org;
using Crm.EventStore;
using Crm.Host.Tests.Leads;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Host.Tests.Org.RoleApi;

namespace Crm.Host.Tests.Org;

public sealed class managing_roles(HostFixture host) : IClassFixture<HostFixture>
{
    private ApiCaller Admin => host.Admin;

    [Fact]
    public async Task a_created_role_answers_201_with_its_permissions_scope_and_etag()
    {
        var response = await Admin.ExpectAsync(HttpMethod.Post, Route,
            """{ "name": " Sales rep ", "description": "Front line", "permissions": ["pool.claim", "customer.create", "pool.claim"], "dataScope": "self_and_subordinates" }""", 201);

        var role = response.Json();
        Assert.Equal("Sales rep", role.GetProperty("name").GetString());
        Assert.Equal(["customer.create", "pool.claim"], role.Permissions());
        Assert.Equal("self_and_subordinates", role.GetProperty("dataScope").GetString());
        Assert.Equal("\"1\"", response.ETag());
        await Admin.GetJsonAsync($"{Route}/{role.GetProperty("id").GetGuid()}");
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

        await Admin.RefusalAsync(HttpMethod.Post, Route, body, 400, field);

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task an_over_long_name_is_a_400()
    {
        await Admin.RefusalAsync(HttpMethod.Post, Route, new { name = new string('n', 101), permissions = Array.Empty<string>(), dataScope = "self" }, 400, "name");
    }

    [Fact]
    public async Task a_second_role_with_the_same_name_is_a_409()
    {
        await Admin.CreateRoleAsync("Duplicate");
        await Admin.RefusalAsync(HttpMethod.Post, Route, """{ "name": "duplicate", "permissions": [], "dataScope": "all" }""", 409, "name", "role_name_taken");
    }

    [Fact]
    public async Task a_patch_changes_only_the_fields_sent_and_the_history_names_old_and_new()
    {
        var role = await Admin.CreateRoleAsync("Manager", "self", "customer.list");
        var id = role.GetProperty("id").GetGuid();

        var response = await Admin.ExpectAsync(HttpMethod.Patch, $"{Route}/{id}",
            """{ "permissions": ["customer.list", "customer.transfer"], "dataScope": "department" }""", ifMatch: "\"1\"");

        var changed = response.Json();
        Assert.Equal(("Manager", "department"), (changed.GetProperty("name").GetString(), changed.GetProperty("dataScope").GetString()));
        Assert.Equal("\"3\"", response.ETag());
        var history = await Admin.GetJsonAsync($"{Route}/{id}/history");
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "permissions-changed", "data-scope-changed"], items.Select(i => i.GetProperty("action").GetString()));
        var granted = items[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "granted");
        Assert.Equal("customer.transfer", granted.GetProperty("new").GetString());
        var scope = items[2].GetProperty("changes")[0];
        Assert.Equal(("self", "department"), (scope.GetProperty("old").GetString(), scope.GetProperty("new").GetString()));

        var asCreated = await Admin.GetJsonAsync($"{Route}/{id}?version=1");
        Assert.Equal("self", asCreated.GetProperty("dataScope").GetString());
    }

    [Theory]
    [InlineData("""{ "permissions": ["customer.list", "customer.fly"] }""", "permissions")]
    [InlineData("""{ "dataScope": "galaxy" }""", "dataScope")]
    [InlineData("""{ "name": " " }""", "name")]
    [InlineData("""{ "name": "OK", "description": "DESC" }""", "description")]
    public async Task a_bad_patch_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var id = (await Admin.CreateRoleAsync("Patch target " + Guid.NewGuid().ToString("N")[..6])).GetProperty("id").GetGuid();
        var before = await EventCountAsync();

        await Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{id}", body.Replace("DESC", new string('d', 501), StringComparison.Ordinal), 400, field);

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task a_create_retried_with_the_same_idempotency_key_answers_the_first_role()
    {
        const string body = """{ "name": "Retried", "permissions": ["customer.list"], "dataScope": "self" }""";
        var first = await Admin.ExpectAsync(HttpMethod.Post, Route, body, 201, idempotencyKey: "role-retry-1");
        var again = await Admin.ExpectAsync(HttpMethod.Post, Route, body, 201, idempotencyKey: "role-retry-1");

        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_an_unknown_role_a_404()
    {
        var role = await Admin.CreateRoleAsync("Stale check");
        var id = role.GetProperty("id").GetGuid();
        await Admin.ExpectAsync(HttpMethod.Patch, $"{Route}/{id}", """{ "description": "one" }""");

        await Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{id}", """{ "description": "two" }""", 412, ifMatch: "\"1\"");
        await Admin.RefusalAsync(HttpMethod.Patch, $"{Route}/{Guid.CreateVersion7()}", """{ "description": "x" }""", 404);
        await Admin.RefusalAsync(HttpMethod.Get, $"{Route}/{Guid.CreateVersion7()}/history", null, 404);
    }

    [Fact]
    public async Task a_role_held_by_a_user_cannot_be_deleted_and_a_free_one_can()
    {
        var held = (await Admin.CreateRoleAsync("Held")).GetProperty("id").GetGuid();
        var free = (await Admin.CreateRoleAsync("Free")).GetProperty("id").GetGuid();
        var user = Guid.CreateVersion7();
        await host.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(new StreamAppend(user, "user", ExpectedVersion.NoStream,
            [new UserRegistered(user, "+8613800000001", "Li", "unspecified", null, null, null, null, [held])]));

        await Admin.RefusalAsync(HttpMethod.Delete, $"{Route}/{held}", null, 409, code: "role_in_use");

        var deleted = await Admin.ExpectAsync(HttpMethod.Delete, $"{Route}/{free}", null);
        Assert.True(deleted.Json().GetProperty("isDeleted").GetBoolean());
        var list = await Admin.GetJsonAsync($"{Route}?limit=500");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == free);
        await Admin.RefusalAsync(HttpMethod.Delete, $"{Route}/{free}", null, 404);
    }

    [Fact]
    public async Task the_permission_catalogue_lists_modules_permissions_and_scopes()
    {
        var catalogue = await Admin.GetJsonAsync("/api/permissions");

        var names = catalogue.GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("permissions").EnumerateArray()).Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("customer.create", names);
        Assert.Contains("contract.approve", names);
        Assert.Equal(5, catalogue.GetProperty("dataScopes").GetArrayLength());
    }

    [Fact]
    public async Task without_a_token_it_is_a_401_and_without_the_permission_a_403()
    {
        await host.SignedOut.RefusalAsync(HttpMethod.Get, Route, null, 401);
        var reader = (await Admin.CreateRoleAsync("Role reader", "self", "role.list")).GetProperty("id").GetGuid();
        await Admin.CreatedAsync("/api/users", new { mobile = "13900000077", password = "reader-password", displayName = "Reader", roleIds = new[] { reader } });
        var caller = await host.SignedInAsync("13900000077", "reader-password");

        await caller.GetJsonAsync(Route);
        var problem = await caller.RefusalAsync(HttpMethod.Post, Route, """{ "name": "Sneaky", "permissions": ["role.edit"], "dataScope": "all" }""", 403);
        Assert.Equal("role.create", problem.GetProperty("permission").GetString());

        var mine = await caller.GetJsonAsync("/api/permissions/mine");
        Assert.False(mine.GetProperty("isSuperAdmin").GetBoolean());
        Assert.Equal(["role.list"], mine.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var admin = await Admin.GetJsonAsync("/api/permissions/mine");
        Assert.True(admin.GetProperty("isSuperAdmin").GetBoolean());
        Assert.Equal("all", admin.GetProperty("dataScopes").GetProperty("customer").GetString());
        await host.SignedOut.RefusalAsync(HttpMethod.Get, "/api/permissions/mine", null, 401);
    }

    private async Task<long> EventCountAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
