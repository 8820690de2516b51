using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Approvals;

/// <summary>The host the approval tests share; each test class has its own database.</summary>
public sealed class ApprovalHostFixture : HostFixture;

/// <summary>Users, roles, flows and the calls the approval tests share (all through the API, contracts through <see cref="ContractSeeds"/>).</summary>
internal static class ApprovalApi
{
    public const string Flows = "/api/approval-flows";
    public const string Route = "/api/approvals";

    public static readonly string[] Submitter = ["contract.submit", "contract.detail"];

    /// <summary>A signed-in user with the roles and the superior given.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> MemberAsync(this HostFixture host, Guid? superiorId = null, params Guid[] roleIds)
    {
        var user = await host.Admin.CreateUserAsync(extra: new { superiorId, roleIds });
        return (user.Id(), await host.SignedInAsync(user.Mobile(), UserApi.Password));
    }

    public static async Task<Guid> RoleAsync(this HostFixture host, string scope = "self", params string[] permissions) =>
        (await host.Admin.CreateRoleAsync("R " + Guid.NewGuid().ToString("N"), scope, permissions)).Id();

    /// <summary>A submitter: may submit and read their own contracts, reporting to <paramref name="superiorId"/>.</summary>
    public static async Task<(Guid Id, ApiCaller Caller)> SubmitterAsync(this HostFixture host, Guid? superiorId = null) =>
        await host.MemberAsync(superiorId, await host.RoleAsync("self", Submitter));

    /// <summary>Switches off every enabled contract flow.</summary>
    public static async Task NoFlowAsync(this HostFixture host)
    {
        var flows = await host.Admin.GetJsonAsync(Flows + "?recordKind=contract");
        foreach (var f in flows.GetProperty("items").EnumerateArray().Where(f => f.GetProperty("enabled").GetBoolean()))
            await host.Admin.SendAsync(HttpMethod.Post, $"{Flows}/{f.Id()}/disable");
    }

    /// <summary>The contract flow of these steps, enabled (any other switched off first).</summary>
    public static async Task<JsonElement> UseFlowAsync(this HostFixture host, params object[] steps)
    {
        await host.NoFlowAsync();
        return await host.Admin.CreatedAsync(Flows, new { recordKind = "contract", name = "Flow " + Guid.NewGuid().ToString("N")[..6], steps, enabled = true });
    }

    public static object UserStep(Guid userId, string mode = "any") => new { name = "User", approverKind = "user", userId, mode };

    public static async Task<JsonElement> SubmitAsync(this ApiCaller caller, Guid contractId) =>
        (await caller.SendAsync(HttpMethod.Post, $"/api/contracts/{contractId}/submit", status: 201)).Json();

    /// <summary>Approves, rejects or withdraws (no body unless given, as an HttpClient sends it), expecting 200.</summary>
    public static async Task<JsonElement> ActAsync(this ApiCaller caller, Guid submissionId, string action, object? body = null) =>
        (await caller.SendAsync("POST", $"{Route}/{submissionId}/{action}", body)).Json();

    public static async Task<List<Guid>> IdsAsync(this ApiCaller caller, string query) =>
        (await caller.GetJsonAsync(Route + query)).GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();

    public static List<Guid> Guids(this JsonElement array) => array.EnumerateArray().Select(e => e.GetGuid()).ToList();

    /// <summary>The kinds of the user's notifications about the submission.</summary>
    public static async Task<List<string>> NoticesAsync(this ApiCaller caller, Guid submissionId) =>
        (await caller.GetJsonAsync("/api/notifications?limit=100")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("recordId").GetGuid() == submissionId).Select(n => n.GetProperty("kind").GetString()!).ToList();
}
