using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;

namespace Crm.Benchmarks;

/// <summary>
/// Opportunities as production writes them, through <c>AppendAsync</c> with the inline projections: first every
/// <c>opportunity.created</c> (1,000 new streams per multi-stream append), then <see cref="StageEventsEach"/> passes of one stage
/// event per opportunity (1,000 streams per append at known versions): three advances, one step back, then a win, a loss or one
/// more advance — so the funnel has real stays, conversions and cycle times. Event times spread over a year, a few days apart.
/// </summary>
public sealed class SalesSeeder(EventStore.EventStore store, Guid[] owners)
{
    public const int StageEventsEach = 5;
    private const int PerAppend = 1_000;
    private const int Writers = 2;

    public static readonly Guid PipelineId = Guid.CreateVersion7();

    /// <summary>The pipeline every seeded opportunity follows: the standard stages and win rates.</summary>
    public static readonly IReadOnlyList<PipelineStage> Stages =
    [
        new(Guid.CreateVersion7(), "Initial contact", 10m, StageOutcome.Open), new(Guid.CreateVersion7(), "Needs analysis", 30m, StageOutcome.Open),
        new(Guid.CreateVersion7(), "Quotation", 60m, StageOutcome.Open), new(Guid.CreateVersion7(), "Negotiation", 80m, StageOutcome.Open),
        new(Guid.CreateVersion7(), "Won", 100m, StageOutcome.Won), new(Guid.CreateVersion7(), "Lost", 0m, StageOutcome.Lost),
    ];

    public Guid[] Ids { get; private set; } = [];
    private Guid[] customers = [];

    public Guid OwnerOf(int i) => owners[(int)((uint)(i * 7919) % owners.Length)];

    public static StageSnapshot Snapshot(int stage) =>
        new(PipelineId, Stages[stage].StageId, Stages[stage].Name, Stages[stage].WinRate, Stages[stage].Outcome);

    public async Task SeedAsync(int opportunities)
    {
        Ids = Enumerable.Range(0, opportunities).Select(_ => Guid.CreateVersion7()).ToArray();
        customers = Enumerable.Range(0, opportunities / 4 + 1).Select(_ => Guid.CreateVersion7()).ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        await store.AppendAsync([StreamAppend.Start(PipelineId, "pipeline", new PipelineCreated(PipelineId, "Bench", Stages, false))],
            new AppendOptions { Timestamp = start });
        await PassAsync(opportunities, start, i =>
        {
            var at = start.AddMinutes(i % 1440);
            var amount = new Money(1_000m + (i % 997) * 10.5m, "CNY");
            return (ExpectedVersion.NoStream, new OpportunityCreated(Ids[i], customers[i / 4], new OpportunityFields($"Deal {i:D7}", Source: $"source {i % 7}"),
                [], amount, true, OwnerOf(i), Snapshot(0), null, at));
        });
        for (var pass = 1; pass <= StageEventsEach; pass++)
        {
            var when = start.AddDays(pass * 9);
            var step = pass;
            await PassAsync(opportunities, when, i => (ExpectedVersion.Exactly(step), StageEvent(i, step, when.AddMinutes(i % 1440))));
        }
    }

    /// <summary>Pass 1–3 advance 0→1→2→3, pass 4 steps back to 2, pass 5 wins (i % 3 = 0), loses (1) or advances to 3 again (2).</summary>
    private object StageEvent(int i, int pass, DateTimeOffset at)
    {
        var id = Ids[i];
        return pass switch
        {
            <= 3 => new OpportunityStageAdvanced(id, Snapshot(pass - 1), Snapshot(pass), at),
            4 => new OpportunityStageAdvanced(id, Snapshot(3), Snapshot(2), at),
            _ => (i % 3) switch
            {
                0 => new OpportunityWon(id, customers[i / 4], Snapshot(2), Snapshot(4), new Money(1_000m + (i % 997) * 10.5m, "CNY"), at),
                1 => new OpportunityLost(id, Snapshot(2), Snapshot(5), "price", at),
                _ => new OpportunityStageAdvanced(id, Snapshot(2), Snapshot(3), at),
            },
        };
    }

    private async Task PassAsync(int count, DateTimeOffset at, Func<int, (ExpectedVersion Expected, object Event)> make)
    {
        var batches = (count + PerAppend - 1) / PerAppend;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = Interlocked.Increment(ref next);
                if (batch >= batches) return;
                var appends = new List<StreamAppend>(PerAppend);
                for (var i = batch * PerAppend; i < Math.Min((batch + 1) * PerAppend, count); i++)
                {
                    var (expected, e) = make(i);
                    appends.Add(new StreamAppend(Ids[i], "opportunity", expected, [e]));
                }
                await store.AppendAsync(appends, new AppendOptions { Timestamp = at });
            }
        })));
    }
}
