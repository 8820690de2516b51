using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Http.Features;
using Crm.Host.Tests.Identity;
using Crm.Host.Tests.Org;

namespace Crm.Host.Tests.Leads;

/// <summary>The lead route, the sales permissions and unique names, shared by the lead test classes.</summary>
internal static class LeadApi
{
    public const string Route = "/api/leads";

    public static readonly string[] SalesPermissions =
    [
        "lead.create", "lead.list", "lead.detail", "lead.edit", "lead.transfer", "lead.convert", "lead.claim",
        "customer.create", "customer.list", "customer.detail", "customer.import", "customer.export", "dashboard.view",
    ];

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>Lead scenarios shared by the lead and scene test classes (the Alba style, docs/testing.md).</summary>
internal static class LeadScenarios
{
    /// <summary>Creates a lead (a unique name unless given, merged with <paramref name="extra"/>), which must answer 201.</summary>
    public static Task<JsonElement> CreateLeadAsync(this ApiCaller caller, string? name = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name ?? "Lead " + Guid.NewGuid().ToString("N")[..10] };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return caller.CreatedAsync(LeadApi.Route, body);
    }

    /// <summary>A new user holding a role with the sales permissions (or those given) and the data scope, signed in.</summary>
    public static Task<(Guid Id, ApiCaller Caller)> SalesCallerAsync(this HostFixture host, string scope = "self", params string[] permissions) =>
        host.SignedInUserAsync(scope, permissions.Length > 0 ? permissions : LeadApi.SalesPermissions);

    /// <summary>
    /// Sends a body (JSON text as it is, an object serialised, or none) and expects the status; the optional If-Match
    /// and Idempotency-Key go along.
    /// </summary>
    public static Task<IScenarioResult> ExpectAsync(this ApiCaller caller, HttpMethod method, string url, object? body, int status = 200,
        string? ifMatch = null, string? idempotencyKey = null) => caller.Scenario(s =>
    {
        Send(s, method, url, body);
        s.IfMatch(ifMatch);
        if (idempotencyKey is not null) s.IdempotencyKey(idempotencyKey);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>Sends like <see cref="ExpectAsync"/> and expects the problem; answers it for further checks.</summary>
    public static async Task<JsonElement> RefusalAsync(this ApiCaller caller, HttpMethod method, string url, object? body, int status,
        string? field = null, string? code = null, string? ifMatch = null, string? idempotencyKey = null) => (await caller.Scenario(s =>
    {
        Send(s, method, url, body);
        s.IfMatch(ifMatch);
        if (idempotencyKey is not null) s.IdempotencyKey(idempotencyKey);
        s.ProblemShouldBe(status, field, code);
    })).Json();

    // WithoutBody: the one in Identity/UserApi.cs (Content-Length 0, no body to read).

    private static void Send(Scenario s, HttpMethod method, string url, object? body)
    {
        var send = method.Method switch
        {
            "GET" => s.Get,
            "POST" => s.Post,
            "PATCH" => s.Patch,
            "PUT" => s.Put,
            "DELETE" => s.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
        switch (body)
        {
            case null: send.Url(url); s.WithoutBody(); break;
            case string json: send.RawJson(json).ToUrl(url); break;
            default: send.Json(body).ToUrl(url); break;
        }
    }
}
