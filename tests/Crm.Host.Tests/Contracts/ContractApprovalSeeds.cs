using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Contracts;

/// <summary>
/// Approvals before the approval engine exists (slice A's /submit and /approve): the contract's stream gets ContractSubmitted and
/// ContractApproved through the real event store (so the inline projections run as for the engine's own appends). The one place to
/// switch to the API once the engine is merged.
/// </summary>
internal static class ContractApprovalSeeds
{
    /// <summary>Submits the contract as it stands; answers the submission id.</summary>
    public static async Task<Guid> SubmitAsync(this HostFixture host, Guid contractId)
    {
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var version = (await store.ReadStreamAsync(contractId)).Count;
        var submission = Guid.CreateVersion7();
        await store.AppendAsync(new StreamAppend(contractId, "contract", ExpectedVersion.Exactly(version),
            [new ContractSubmitted(contractId, submission, DateTimeOffset.UtcNow)]));
        return submission;
    }

    /// <summary>Submits and approves the contract at the version it is now; answers when it was approved.</summary>
    public static async Task<DateTimeOffset> ApproveAsync(this HostFixture host, Guid contractId)
    {
        var submission = await host.SubmitAsync(contractId);
        var store = host.Services.GetRequiredService<EventStore.EventStore>();
        var events = await store.ReadStreamAsync(contractId);
        var created = (ContractCreated)events[0].Data;
        var amount = events.Select(e => e.Data switch { ContractCreated c => c.Amount, ContractAmountSet a => a.Amount, ContractLinesChanged l => l.Amount, _ => null })
            .Last(a => a is not null)!;
        var at = DateTimeOffset.UtcNow;
        await store.AppendAsync(new StreamAppend(contractId, "contract", ExpectedVersion.Exactly(events.Count),
            [new ContractApproved(contractId, created.CustomerId, submission, events.Count, amount, at)]));
        return at;
    }
}
