using Crm.Events;
using Crm.Events.Settings;
using Crm.EventStore;
using Crm.Projections.Classification;
using static Crm.Projections.Tests.Classification.ClassificationSeeds;

namespace Crm.Projections.Tests.Classification;

/// <summary>Thresholds changed apply to the next read without recomputing; the facts rebuilt from zero equal the ones built before.</summary>
public sealed class reclassifying_customers(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private static readonly Guid ThresholdsStream = new("0196f000-0000-7000-8000-c1a55e500001");
    private readonly ClassificationSeeds seeds = new(db);

    [Fact]
    public async Task new_thresholds_and_a_payments_basis_apply_at_once_and_a_rebuild_gives_the_same_rows()
    {
        var (customer, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var contract = await seeds.ContractAsync(customer, 100m, 10, "EUR");
        await seeds.ContractAsync(customer, 200m, 50, "EUR");
        await seeds.PaymentAsync(customer, contract, 80m, "EUR", new DateOnly(2026, 2, 1));
        await seeds.ContractAsync(other, 70m, 3, "EUR", Voided);
        await seeds.PaymentAsync(other, contract, 5m, "EUR", new DateOnly(2026, 2, 3));

        await using var daemon = await seeds.CaughtUpAsync();
        var before = (await seeds.ClassesAsync(customer))[customer];
        Assert.Equal((5, 2, (int?)null), (before.Recency, before.Frequency, before.Monetary));   // 10 days: within 30; no EUR bounds

        await db.Store.AppendAsync(StreamAppend.Start(ThresholdsStream, "customer-classes", new CustomerClassesChanged(
            [5, 20, 30, 40], [2, 3, 4, 5], CustomerClassThresholds.Payments, [new("EUR", [50m, 100m, 250m, 500m])])));
        var now = await seeds.ClassesAsync(customer, other);
        Assert.Equal((4, 2, 2), (now[customer].Recency, now[customer].Frequency, now[customer].Monetary)); // 80 EUR received
        Assert.Equal((null, null, 1), (now[other].Recency, now[other].Frequency, now[other].Monetary));    // a payment, no deal

        var tables = new CustomerFactsProjection().Tables;
        var built = await seeds.SnapshotAsync(tables);
        Assert.Equal(5, built.Count(r => r.Contains(customer.ToString(), StringComparison.Ordinal)));
        await daemon.RebuildAsync("crm.customer_facts");
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(built, await seeds.SnapshotAsync(tables));
    }
}
