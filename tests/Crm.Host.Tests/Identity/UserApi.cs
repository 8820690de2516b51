using System.Text;
using System.Text.Json;
using Alba;
using Crm.Testing;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Host.Tests.Identity;

/// <summary>User and sign-in calls shared by the identity test classes.</summary>
internal static class UserApi
{
    public const string Route = "/api/users";
    public const string Password = "a fine password";
    private static long nextMobile = 13_900_000_000 + (TestRandom.Next(0, 1_000_000) * 100L);

    /// <summary>A mobile number no other test uses.</summary>
    public static string NewMobile() => Interlocked.Increment(ref nextMobile).ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// Sends the body (JSON text as it is, anything else serialized; none when null) by the method, with the headers,
    /// and expects the status.
    /// </summary>
    public static Task<IScenarioResult> SendAsync(this ApiCaller caller, string method, string path, object? body = null, int status = 200,
        params (string Name, string Value)[] headers) => caller.Scenario(s =>
    {
        Send(s, method, path, body, headers);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>Sends as <see cref="SendAsync"/> and expects an RFC 9457 problem with the status (and the field named); answers it.</summary>
    public static async Task<JsonElement> ProblemAsync(this ApiCaller caller, string method, string path, object? body, int status, string? field = null,
        params (string Name, string Value)[] headers) => (await caller.Scenario(s =>
    {
        Send(s, method, path, body, headers);
        s.ProblemShouldBe(status, field);
    })).Json();

    /// <summary>
    /// The request as an HttpClient sends it: the body as JSON (text as it is, anything else serialized), and for a POST, PUT or
    /// PATCH without one an empty body, which the API refuses differently from a body without a content type.
    /// </summary>
    public static void Send(Scenario s, string method, string path, object? body, params (string Name, string Value)[] headers)
    {
        s.SendExactly(method, path, body switch
        {
            null => null,
            string json => Encoding.UTF8.GetBytes(json),
            _ => JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web),
        });
        if (body is null && method is "POST" or "PUT" or "PATCH") s.WithoutBody();
        foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
    }

    /// <summary>
    /// Sends no body at all, as an HttpClient does for a request without content (Content-Length: 0, and the server told the
    /// request cannot have one); the test server otherwise reads a bodiless scenario as one whose body may still come.
    /// </summary>
    public static Scenario WithoutBody(this Scenario s)
    {
        s.ConfigureHttpContext(c =>
        {
            c.Request.ContentLength = 0;
            c.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());
        });
        return s;
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }

    /// <summary>Signs in (no token needed) and expects the status.</summary>
    public static Task<IScenarioResult> LoginAsync(this ApiCaller caller, string mobile, string password, int status = 200) =>
        caller.SendAsync("POST", "/api/auth/login", new { mobile, password }, status);

    /// <summary>A role with the permissions in the data scope, created by the caller.</summary>
    public static async Task<JsonElement> CreateRoleAsync(this ApiCaller admin, string name, string dataScope = "self", params string[] permissions) =>
        (await admin.SendAsync("POST", "/api/roles", new { name, permissions, dataScope }, 201)).Json();

    /// <summary>A department, created by the caller.</summary>
    public static async Task<JsonElement> CreateDepartmentAsync(this ApiCaller admin, string name, Guid? parentId = null) =>
        (await admin.SendAsync("POST", "/api/departments", new { name, parentId }, 201)).Json();

    public static Guid Id(this JsonElement user) => user.GetProperty("id").GetGuid();

    public static string Mobile(this JsonElement user) => user.GetProperty("mobile").GetString()!;

    public static async Task<long> EventCountAsync(this HostFixture host)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select count(*) from es.events");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
