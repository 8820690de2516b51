using Crm.EventStore;
using Crm.Projections.Customers;
using Crm.Write;
using Crm.Write.Customers;
using Crm.Write.Pool;
using Crm.Host.Platform;
using Npgsql;

namespace Crm.Host.Pool;

/// <summary>
/// The recycling job (回收, CUS-7): every host runs it, one leads (<see cref="LeaderJob"/>). Each run folds the pool rules, pages the
/// recycling candidates of each rule and puts every candidate through the customer decider, which warns once per cycle, recycles, or does
/// nothing (locked, in the pool, followed up since). Even if two leaders overlapped, the decider on the current stream and the optimistic
/// append keep each customer recycled once. "Now" comes from the injected TimeProvider, so tests control the clock.
/// </summary>
public sealed partial class RecyclingService(
    LeadershipDataSource leaders, PoolRulesReader rules, RecyclingCandidates candidates, PoolHandler pool,
    TimeProvider clock, IConfiguration configuration, ILogger<RecyclingService> logger) : LeaderJob(leaders, clock, logger)
{
    public const int BatchSize = 200;

    protected override string LockName => "crm.pool-recycling";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Recycling:IntervalSeconds", 300.0));

    protected override TimeSpan LeaderRetry { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Recycling:LeaderRetrySeconds", 5.0));

    protected override bool Enabled { get; } = configuration.GetValue("Crm:Recycling:Enabled", true);

    /// <summary>
    /// One pass over every rule; returns how many customers were warned or recycled. <paramref name="stillLeading"/>, when given, runs
    /// before each page of candidates and throws when this host no longer leads.
    /// </summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null)
    {
        var (config, _) = await rules.CurrentAsync(ct);
        var changed = 0;
        foreach (var rule in config.Rules)
        {
            var search = new RecyclingSearch(
                rule.DaysWithoutFollowUp, rule.DaysWithoutDeal, rule.WarningDaysBefore, rule.ExemptLevels ?? [], rule.ExemptCustomersWithDeals);
            Guid? after = null;
            while (true)
            {
                if (stillLeading is not null) await stillLeading(ct);
                var ids = await candidates.NextAsync(search, Clock.GetUtcNow(), after, BatchSize, ct);
                if (ids.Count == 0) break;
                foreach (var id in ids)
                {
                    var request = new CommandRequest { Metadata = new EventMetadata(CorrelationId: "recycling:" + rule.Id) };
                    // The handler reads the customer's last deal itself.
                    var outcome = await pool.RecycleAsync(new ApplyRecyclingRule(id, rule, null), request, ct);
                    if (outcome.Error is { } error) Refused(Logger, id, error.Code);
                    else if (outcome.Events.Count > 0) changed++;
                }
                after = ids[^1];
            }
        }
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recycling customer {CustomerId} was refused: {Code}")]
    private static partial void Refused(ILogger logger, Guid customerId, string code);
}
