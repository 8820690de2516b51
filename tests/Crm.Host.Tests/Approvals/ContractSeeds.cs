using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Approvals;

/// <summary>Contracts for the approval tests, through the contracts API; only the edit that breaks the lock goes to the event store.</summary>
internal static class ContractSeeds
{
    /// <summary>A draft contract of a fresh customer, owned by <paramref name="ownerId"/>, its amount set by hand.</summary>
    public static async Task<Guid> ContractAsync(this HostFixture host, Guid ownerId, string name = "Big deal", decimal amount = 1000m)
    {
        var customerId = (await host.Admin.CreateCustomerAsync()).Id();
        return (await host.Admin.CreatedAsync("/api/contracts", new { customerId, name, currency = "CNY", amount, ownerId })).Id();
    }

    /// <summary>A contract's name edited through PATCH (allowed on a draft or rejected contract).</summary>
    public static Task RenameContractAsync(this HostFixture host, Guid id, string to) =>
        host.Admin.SendAsync(HttpMethod.Patch, $"/api/contracts/{id}", new { name = to });

    /// <summary>
    /// The name of a pending contract changed behind the approver's back. Stays on the event store on purpose: the API refuses it
    /// (409 contract_locked), and this is the command that ignored the lock — or raced it — which the approval must still catch.
    /// </summary>
    public static async Task RenameBehindTheLockAsync(this HostFixture host, Guid id, string from, string to)
    {
        var version = (await Store(host).GetStreamAsync(id))!.Version;
        await Store(host).AppendAsync(new StreamAppend(id, "contract", ExpectedVersion.Exactly(version),
            [new ContractEdited(id, [new FieldChange("name", from, to)])]));
    }

    public static async Task<IReadOnlyList<StoredEvent>> ContractEventsAsync(this HostFixture host, Guid id) => await Store(host).ReadStreamAsync(id);

    private static EventStore.EventStore Store(HostFixture host) => host.Services.GetRequiredService<EventStore.EventStore>();
}
