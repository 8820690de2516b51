using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.CustomFields;

/// <summary>Custom-field calls shared by the custom-field test classes.</summary>
internal static class CustomFieldApi
{
    public const string Route = "/api/custom-fields";

    /// <summary>A key no other test of the class uses.</summary>
    public static string NewKey(string stem = "f") => stem + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Defines a field of the kind (customer unless told) as the administrator; <paramref name="extra"/> adds or overrides attributes.</summary>
    public static Task<JsonElement> DefineAsync(this HostFixture host, string key, string type, object? extra = null, string kind = "customer")
    {
        var body = new Dictionary<string, object?> { ["kind"] = kind, ["key"] = key, ["label"] = "Label " + key, ["type"] = type };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return host.Admin.CreatedAsync(Route, body);
    }

    public static object Options(params string[] keys) => keys.Select(k => new { key = k, label = k.ToUpperInvariant() }).ToArray();

    /// <summary>The custom object of a record as an answer shows it.</summary>
    public static JsonElement Custom(this JsonElement record) => record.GetProperty("custom");
}
