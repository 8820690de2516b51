using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Classification;

/// <summary>What the class tests need: the thresholds route and deals of a customer.</summary>
internal static class ClassificationApi
{
    public const string Route = "/api/settings/customer-classes";

    public static object Thresholds(int[]? recency = null, int[]? frequency = null, string basis = "contracts", object[]? monetary = null) => new
    {
        recencyDays = recency ?? [30, 90, 180, 365], frequencyCounts = frequency ?? [2, 3, 5, 10], monetaryBasis = basis,
        monetary = monetary ?? [new { currency = "CNY", amounts = new[] { 10_000m, 50_000m, 200_000m, 1_000_000m } }],
    };

    /// <summary>
    /// An approved contract of the customer, approved <paramref name="daysAgo"/> days ago. On the event store on purpose: recency needs
    /// deals approved in the past, which an approval through the API (always "now") cannot give (as Targets/TargetSeeds does).
    /// </summary>
    public static async Task<Guid> DealAsync(this HostFixture host, Guid customer, decimal amount, int daysAgo, string currency = "CNY")
    {
        var (id, submission) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (money, at) = (new Money(amount, currency), DateTimeOffset.UtcNow.AddDays(-daysAgo));
        await host.Services.GetRequiredService<EventStore.EventStore>().AppendAsync(StreamAppend.Start(id, "contract",
            new ContractCreated(id, "HT-" + id.ToString("N")[^8..], customer, null, new ContractFields("Deal", null), [], money, true, Guid.Empty, at),
            new ContractSubmitted(id, submission, at), new ContractApproved(id, customer, submission, 2, money, at)));
        return id;
    }
}
