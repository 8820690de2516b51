using System.Text.Json;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.AccessAsOf;

/// <summary>The access-as-of routes and the readings of their answer the tests share.</summary>
internal static class AccessAsOfApi
{
    public static readonly string[] DetailPermissions = ["customer.detail", "lead.detail", "contact.detail", "opportunity.detail", "contract.detail"];

    /// <summary>The collection path of a kind: customer → /api/customers.</summary>
    public static string PathOf(string kind) => kind switch
    {
        "opportunity" => "/api/opportunities",
        _ => $"/api/{kind}s",
    };

    public static string AccessPath(string kind, Guid id, DateTimeOffset? asOf = null) =>
        $"{PathOf(kind)}/{id}/access" + (asOf is { } t ? "?asOf=" + Uri.EscapeDataString(t.ToString("O")) : "");

    public static Task<JsonElement> AccessAsync(this ApiCaller caller, string kind, Guid id, DateTimeOffset? asOf = null) =>
        caller.GetJsonAsync(AccessPath(kind, id, asOf));

    public static IReadOnlySet<Guid> ViewerIds(this JsonElement answer) =>
        answer.GetProperty("viewers").EnumerateArray().Select(v => v.GetProperty("userId").GetGuid()).ToHashSet();

    /// <summary>The grants of one viewer; none when they are no viewer.</summary>
    public static IReadOnlyList<JsonElement> GrantsOf(this JsonElement answer, Guid user) =>
        answer.GetProperty("viewers").EnumerateArray().Where(v => v.GetProperty("userId").GetGuid() == user)
            .SelectMany(v => v.GetProperty("grants").EnumerateArray()).ToList();

    public static IReadOnlyList<string> RulesOf(this JsonElement answer, Guid user) =>
        [.. answer.GrantsOf(user).Select(g => g.GetProperty("rule").GetString()!)];

    public static Guid IdOf(this JsonElement record) => record.GetProperty("id").GetGuid();

    /// <summary>A moment between what came before and what comes after: the store's clock ticks in microseconds.</summary>
    public static async Task<DateTimeOffset> MomentAsync()
    {
        await Task.Delay(20);
        var moment = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        return moment;
    }
}
