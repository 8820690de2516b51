using System.Text.Json;
using Crm.Host.Tests.Approvals;
using Crm.Host.Tests.Contracts;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Invoices;

/// <summary>
/// What the invoice tests need from other slices, through their APIs: contracts (created, submitted, approved) and the approval of
/// invoices by the seed approver (<see cref="SeedApprovals"/>).
/// </summary>
internal static class InvoiceSeeds
{
    public const string Route = "/api/invoices";
    public static readonly string[] Clerk = ["invoice.create", "invoice.list", "invoice.detail", "invoice.edit", "invoice.delete"];

    /// <summary>A contract of <paramref name="amount"/> owned by <paramref name="ownerId"/>: approved unless <paramref name="approved"/> is false.</summary>
    public static async Task<Guid> ContractAsync(this HostFixture host, Guid ownerId, decimal amount, bool approved = true, string currency = "CNY")
    {
        var customerId = (await host.Admin.CreateCustomerAsync()).Id();
        var id = (await host.Admin.CreatedAsync("/api/contracts",
            new { customerId, name = "Supply contract", signedOn = "2026-03-01", currency, amount, ownerId })).Id();
        if (approved) await ContractApprovalSeeds.ApproveAsync(host, id);
        return id;
    }

    /// <summary>The invoice submitted, then approved, or rejected for the reason given, or left pending when neither.</summary>
    public static async Task ApproveAsync(this HostFixture host, Guid invoiceId, bool approve = true, string? rejectReason = null)
    {
        var submission = await host.SubmitForApprovalAsync("invoice", invoiceId);
        if (approve || rejectReason is not null) await host.DecideAsync("invoice", submission, rejectReason);
    }

    public static object Body(Guid contractId, decimal amount, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["contractId"] = contractId, ["amount"] = amount, ["title"] = "Hangzhou Widget Co., Ltd.", ["taxNumber"] = "91330100MA2AXXXX1K",
            ["type"] = "vat_special",
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject()) body[p.Name] = p.Value;
        }
        return body;
    }

    public static async Task<Guid> MeAsync(this HostFixture host) => (await host.Admin.GetJsonAsync("/api/auth/me")).Id();
}
