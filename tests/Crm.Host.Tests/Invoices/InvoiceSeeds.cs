using System.Text.Json;
using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Invoices;

/// <summary>
/// What the invoice tests need that other slices' APIs will provide: contracts (created, submitted, approved) and the approval
/// of invoices, appended as their events through the real event store; everything else goes through the API.
/// </summary>
internal static class InvoiceSeeds
{
    public const string Route = "/api/invoices";
    public static readonly string[] Clerk = ["invoice.create", "invoice.list", "invoice.detail", "invoice.edit", "invoice.delete"];

    private static EventStore.EventStore Store(HostFixture host) => host.Services.GetRequiredService<EventStore.EventStore>();

    /// <summary>A contract of <paramref name="amount"/> owned by <paramref name="ownerId"/>: approved unless <paramref name="approved"/> is false.</summary>
    public static async Task<Guid> ContractAsync(this HostFixture host, Guid ownerId, decimal amount, bool approved = true, string currency = "CNY")
    {
        var (id, customer, submission) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = DateTimeOffset.UtcNow;
        object[] events = approved
            ? [Created(id, customer, ownerId, amount, currency, at), new ContractSubmitted(id, submission, at),
                new ContractApproved(id, customer, submission, 2, new Money(amount, currency), at)]
            : [Created(id, customer, ownerId, amount, currency, at)];
        await Store(host).AppendAsync(StreamAppend.Start(id, "contract", events));
        return id;
    }

    private static ContractCreated Created(Guid id, Guid customer, Guid owner, decimal amount, string currency, DateTimeOffset at) =>
        new(id, "HT-2026-" + id.ToString("N")[^6..], customer, null, new ContractFields("Supply contract", new DateOnly(2026, 3, 1)), [],
            new Money(amount, currency), true, owner, at);

    /// <summary>The invoice submitted (and approved unless told), as the approval engine appends it.</summary>
    public static async Task ApproveAsync(this HostFixture host, Guid invoiceId, bool approve = true, string? rejectReason = null)
    {
        var events = await Store(host).ReadStreamAsync(invoiceId);
        var requested = (InvoiceRequested)events[0].Data;
        var amount = events.Select(e => e.Data).OfType<InvoiceEdited>().LastOrDefault()?.Amount ?? requested.Amount;
        var (version, submission, at) = (events[^1].Version, Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        object outcome = rejectReason is not null ? new InvoiceRejected(invoiceId, submission, rejectReason, at)
            : new InvoiceApproved(invoiceId, requested.ContractId, submission, version + 1, amount, at);
        object[] appended = approve || rejectReason is not null ? [new InvoiceSubmitted(invoiceId, submission, at), outcome]
            : [new InvoiceSubmitted(invoiceId, submission, at)];
        await Store(host).AppendAsync(new StreamAppend(invoiceId, "invoice", ExpectedVersion.Exactly(version), appended));
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
