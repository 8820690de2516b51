using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Approvals;

/// <summary>
/// Approvals for other tests' seeds, through the engine's API as a user would give them: per host and record kind, one enabled flow
/// of one step naming one approver (a user made for it), set up at first use. A submission then stays pending until that approver
/// approves or rejects it. The approval tests themselves set their own flows and do not use this.
/// </summary>
internal static class SeedApprovals
{
    private static readonly ConditionalWeakTable<HostFixture, ConcurrentDictionary<string, Lazy<Task<ApiCaller>>>> Approvers = new();

    /// <summary>Submits the record (POST /api/{kind}s/{id}/submit) as the administrator; answers the pending submission's id.</summary>
    public static async Task<Guid> SubmitForApprovalAsync(this HostFixture host, string kind, Guid recordId)
    {
        await host.SeedApproverAsync(kind);
        return (await host.Admin.SendAsync(HttpMethod.Post, $"/api/{kind}s/{recordId}/submit", status: 201)).Json().Id();
    }

    /// <summary>The seed approver approves the submission, or rejects it for the reason given; answers the submission.</summary>
    public static async Task<JsonElement> DecideAsync(this HostFixture host, string kind, Guid submissionId, string? rejectReason = null)
    {
        // Signed in once per host and kind (sign-ins are rate-limited); a host that moves its clock moves it back before seeding.
        var approver = await host.SeedApproverAsync(kind);
        return rejectReason is null
            ? await approver.ActAsync(submissionId, "approve")
            : await approver.ActAsync(submissionId, "reject", new { reason = rejectReason });
    }

    private static Task<ApiCaller> SeedApproverAsync(this HostFixture host, string kind) =>
        Approvers.GetOrCreateValue(host).GetOrAdd(kind, k => new Lazy<Task<ApiCaller>>(() => SetUpAsync(host, k))).Value;

    private static async Task<ApiCaller> SetUpAsync(HostFixture host, string kind)
    {
        var approver = await host.Admin.CreateUserAsync(name: "Seed approver");
        await host.Admin.CreatedAsync(ApprovalApi.Flows,
            new { recordKind = kind, name = "Seeds " + kind, enabled = true, steps = new[] { ApprovalApi.UserStep(approver.Id()) } });
        return await host.SignedInAsync(approver.Mobile(), UserApi.Password);
    }
}
