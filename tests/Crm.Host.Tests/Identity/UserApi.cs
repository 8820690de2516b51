using System.Text.Json;
using Crm.Testing;

namespace Crm.Host.Tests.Identity;

/// <summary>User and sign-in calls shared by the identity test classes.</summary>
internal static class UserApi
{
    public const string Route = "/api/users";
    public const string Password = "a fine password";
    private static long nextMobile = 13_900_000_000 + (TestRandom.Next(0, 1_000_000) * 100L);

    /// <summary>A mobile number no other test uses.</summary>
    public static string NewMobile() => Interlocked.Increment(ref nextMobile).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> CreateUserAsync(this HttpClient admin, string? mobile = null, string name = "Li Na", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["mobile"] = mobile ?? NewMobile(), ["password"] = Password, ["displayName"] = name };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        var response = await admin.SendJsonAsync(HttpMethod.Post, Route, JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>A new user with a unique mobile (merged with <paramref name="extra"/>), created by the caller.</summary>
    public static Task<JsonElement> CreateUserAsync(this ApiCaller admin, string? mobile = null, string name = "Li Na", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["mobile"] = mobile ?? NewMobile(), ["password"] = Password, ["displayName"] = name };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return admin.CreatedAsync(Route, body);
    }

    /// <summary>A new user holding a new role with the permissions in the data scope, signed in.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> SignedInUserAsync(this HostFixture host, string scope, params string[] permissions)
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions, dataScope = scope });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() } });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), Password));
    }

    public static Guid Id(this JsonElement user) => user.GetProperty("id").GetGuid();

    public static string Mobile(this JsonElement user) => user.GetProperty("mobile").GetString()!;

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object? body = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string mobile, string password) =>
        client.PostAsync("/api/auth/login", new { mobile, password });

    public static async Task<long> EventCountAsync(this HostFixture host)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
