using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Approvals;

/// <summary>
/// Contracts for the approval tests, appended through the host's own event store: the contracts API is built on another branch.
/// After the merge these helpers switch to POST /api/contracts (and PATCH for the edits), and nothing else in the tests changes.
/// </summary>
internal static class ContractSeeds
{
    private static long next;

    /// <summary>A draft contract owned by <paramref name="ownerId"/>.</summary>
    public static async Task<Guid> ContractAsync(this HostFixture host, Guid ownerId, string name = "Big deal", decimal amount = 1000m)
    {
        var id = Guid.CreateVersion7();
        var number = $"HT-2026-{Interlocked.Increment(ref next):000000}";
        await Store(host).AppendAsync(StreamAppend.Start(id, "contract", new ContractCreated(id, number, Guid.CreateVersion7(), null, new ContractFields(name), [],
            new Money(amount, "CNY"), true, ownerId, DateTimeOffset.UtcNow)));
        return id;
    }

    /// <summary>Appends to the contract's stream at its current version, as a contract command would (the edit racing an approval).</summary>
    public static async Task AppendToContractAsync(this HostFixture host, Guid id, params object[] events)
    {
        var version = (await Store(host).GetStreamAsync(id))!.Version;
        await Store(host).AppendAsync(new StreamAppend(id, "contract", ExpectedVersion.Exactly(version), events));
    }

    /// <summary>A contract's name edited (allowed on a draft or rejected contract).</summary>
    public static Task RenameContractAsync(this HostFixture host, Guid id, string from, string to) =>
        host.AppendToContractAsync(id, new ContractEdited(id, [new FieldChange("name", from, to)]));

    public static async Task<IReadOnlyList<StoredEvent>> ContractEventsAsync(this HostFixture host, Guid id) => await Store(host).ReadStreamAsync(id);

    private static EventStore.EventStore Store(HostFixture host) => host.Services.GetRequiredService<EventStore.EventStore>();
}
