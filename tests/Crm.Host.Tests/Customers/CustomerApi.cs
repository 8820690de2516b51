using System.Text.Json;
using Alba;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Customers;

/// <summary>Customer calls and signed-in colleagues shared by the customer test classes.</summary>
internal static class CustomerApi
{
    public const string Route = "/api/customers";

    /// <summary>A customer with a unique name (no duplicates with other tests), created by the caller.</summary>
    public static Task<JsonElement> CreateCustomerAsync(this ApiCaller caller, object? extra = null, string? name = null) =>
        caller.CreatedAsync(Route, CustomerBody(extra, name));

    private static Dictionary<string, object?> CustomerBody(object? extra, string? name)
    {
        var body = new Dictionary<string, object?> { ["name"] = name ?? "Acme " + Guid.NewGuid().ToString("N")[..12] };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return body;
    }

    /// <summary>Sends the body as JSON (nothing when null) with the method to the path.</summary>
    public static Scenario Send(this Scenario s, HttpMethod method, string path, object? body = null)
    {
        IUrlExpression send = method.Method switch
        {
            "GET" => s.Get, "POST" => s.Post, "PATCH" => s.Patch, "PUT" => s.Put, "DELETE" => s.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method.Method, "no such verb in the API"),
        };
        if (body is null) send.Url(path);
        else send.Json(body).ToUrl(path);
        return s;
    }

    /// <summary>Sends the body (with the If-Match when given) as the caller and expects the status (200 unless told).</summary>
    public static Task<IScenarioResult> SendAsync(this ApiCaller caller, HttpMethod method, string path, object? body = null, int status = 200,
        string? ifMatch = null) => caller.Scenario(s =>
        {
            s.Send(method, path, body);
            s.IfMatch(ifMatch);
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Sends the body (with the If-Match when given) as the caller and expects the problem.</summary>
    public static Task<IScenarioResult> RefusedAsync(this ApiCaller caller, HttpMethod method, string path, object? body, int status,
        string? field = null, string? code = null, string? ifMatch = null) => caller.Scenario(s =>
        {
            s.Send(method, path, body);
            s.IfMatch(ifMatch);
            s.ProblemShouldBe(status, field, code);
        });

    public static readonly string[] SalesRep =
    [
        "customer.create", "customer.list", "customer.detail", "customer.edit", "customer.transfer", "customer.lock", "customer.team",
        "customer.recycle", "contact.create", "contact.list", "contact.detail", "contact.edit", "contact.transfer", "pool.list", "pool.claim",
    ];
}
