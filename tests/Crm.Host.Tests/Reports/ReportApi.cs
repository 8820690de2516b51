using System.Globalization;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Reports;

/// <summary>The calls the report tests share: a report read, its rows and totals, and the users with report permissions.</summary>
internal static class ReportApi
{
    public const string Route = "/api/reports";

    public static readonly string[] Reporter = [.. CustomerApi.SalesRep, "lead.create", "lead.list", "lead.detail", "lead.edit", "lead.convert",
        "report.view", "report.export"];

    /// <summary>Yesterday to tomorrow (UTC): a test's records fall inside whatever side of a midnight it ran.</summary>
    public static string AroundToday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
    }

    public static Task<JsonElement> ReportAsync(this ApiCaller caller, string report, string query = "") =>
        caller.GetJsonAsync($"{Route}/{report}?{AroundToday()}{(query.Length > 0 ? "&" + query : "")}");

    /// <summary>The single totals row's figure (reports that count, or one currency).</summary>
    public static decimal Total(this JsonElement report, string measure) =>
        Assert.Single(report.GetProperty("totals").EnumerateArray()).GetProperty("values").GetProperty(measure).GetDecimal();

    /// <summary>Each row's key and figure.</summary>
    public static Dictionary<string, decimal> Rows(this JsonElement report, string measure) =>
        report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString() ?? "(null)",
            r => r.GetProperty("values").GetProperty(measure).GetDecimal());

    public static string Filter(object tree) => "filter=" + Uri.EscapeDataString(JsonSerializer.Serialize(tree, JsonSerializerOptions.Web));

    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A signed-in user of the department, holding a new role with the permissions in the data scope.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> MemberAsync(this HostFixture host, Guid departmentId, string scope, params string[] permissions)
    {
        var role = await host.Admin.CreatedAsync("/api/roles", new { name = "R " + Guid.NewGuid().ToString("N"), permissions, dataScope = scope });
        var user = await host.Admin.CreateUserAsync(extra: new { roleIds = new[] { role.Id() }, departmentId });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }
}
