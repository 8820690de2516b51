using Crm.EventStore;
using Crm.Events.Sales;
using Crm.Projections.Classification;
using static Crm.Projections.Tests.Classification.ClassificationSeeds;

namespace Crm.Projections.Tests.Classification;

/// <summary>
/// crm.customer_facts (async) from contract and payment events, and the classes CustomerClassSql computes from them with the default
/// thresholds: approvals count, voids and deletes take their deal out again, currencies are never added together.
/// </summary>
public sealed class classifying_customers(ReadModelFixture db) : IClassFixture<ReadModelFixture>
{
    private readonly ClassificationSeeds seeds = new(db);

    [Fact]
    public async Task approved_contracts_make_the_facts_and_the_classes_and_a_void_takes_its_deal_out_again()
    {
        var (loyal, lapsed, once, voidedOnly, nobody) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7());
        for (var i = 0; i < 10; i++) await seeds.ContractAsync(loyal, 30_000m, 5 + i);         // 300,000 CNY, 10 deals, last 5 days ago
        await seeds.ContractAsync(lapsed, 2_000m, 400);                                          // 400 days ago
        await seeds.ContractAsync(lapsed, 9_000m, 200, "USD");
        var kept = await seeds.ContractAsync(once, 60_000m, 100);
        await seeds.ContractAsync(once, 999_999m, 1, "CNY", Voided);                            // voided: counts for nothing
        await seeds.ContractAsync(voidedOnly, 5_000m, 1, "CNY", Voided);
        await seeds.PaymentAsync(once, kept, 12_345.67m, "CNY", new DateOnly(2026, 1, 2));

        await using var daemon = await seeds.CaughtUpAsync();
        var classes = await seeds.ClassesAsync(loyal, lapsed, once, voidedOnly, nobody);

        Assert.Equal((10, 5, 5, 4), (classes[loyal].ContractCount, classes[loyal].Recency, classes[loyal].Frequency, classes[loyal].Monetary));
        // USD has no bounds by default: its 9,000 is neither added to the CNY spend nor counted.
        Assert.Equal((2, 2, 2, 1), (classes[lapsed].ContractCount, classes[lapsed].Recency, classes[lapsed].Frequency, classes[lapsed].Monetary));
        Assert.Equal([new CustomerSpend("CNY", 2_000m, 0m), new CustomerSpend("USD", 9_000m, 0m)], classes[lapsed].Spend);
        Assert.Equal((1, 3, 1, 3), (classes[once].ContractCount, classes[once].Recency, classes[once].Frequency, classes[once].Monetary));
        Assert.Equal((1, new DateOnly(2026, 1, 2)), (classes[once].PaymentCount, classes[once].LastPaymentOn));
        Assert.Equal([new CustomerSpend("CNY", 60_000m, 12_345.67m)], classes[once].Spend);
        Assert.Equal(CustomerClassification.None, classes[voidedOnly]);
        Assert.Equal(CustomerClassification.None, classes[nobody]);

        // A later deal, deleted again: the facts are recomputed from what is left.
        var late = await seeds.ContractAsync(lapsed, 1m, 0);
        await db.Store.AppendAsync(new StreamAppend(late, "contract", ExpectedVersion.Exactly(3), [new ContractDeleted(late)]));
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var after = (await seeds.ClassesAsync(lapsed))[lapsed];
        Assert.Equal((2, 2), (after.ContractCount, after.Recency));
    }
}
