using Crm.Host.Tests.Approvals;

namespace Crm.Host.Tests.Contracts;

/// <summary>
/// Contract approvals through the approval engine's API (<see cref="SeedApprovals"/>): submitted by the administrator, approved by the
/// seed approver.
/// </summary>
internal static class ContractApprovalSeeds
{
    /// <summary>Submits the contract as it stands (it is pending then); answers the submission id.</summary>
    public static Task<Guid> SubmitAsync(this HostFixture host, Guid contractId) => host.SubmitForApprovalAsync("contract", contractId);

    /// <summary>Submits and approves the contract at the version it is now; answers when it was approved.</summary>
    public static async Task<DateTimeOffset> ApproveAsync(this HostFixture host, Guid contractId)
    {
        await host.DecideAsync("contract", await host.SubmitAsync(contractId));
        return (await host.Admin.GetJsonAsync($"{ContractApi.Route}/{contractId}")).GetProperty("approvedAt").GetDateTimeOffset();
    }
}
