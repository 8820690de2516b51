using Crm.EventStore.Subscriptions;
using Crm.Host.Platform;
using Crm.Projections.Workflows;
using Npgsql;

namespace Crm.Host.Workflows;

/// <summary>
/// The workflows' time trigger (no_follow_up, SET-3): every host runs the sweep, one leads (<see cref="LeaderJob"/>). Each pass asks, per
/// enabled no_follow_up workflow, for the owned records of its kind matching its condition that have gone its days without a follow-up and
/// have no run for that quiet period yet; each is claimed (a pending run) and handed to the outbox in one transaction, so a period is run
/// once even if two leaders overlapped, and again only after a new follow-up starts a new period. Every
/// <c>Crm:Workflows:SweepIntervalSeconds</c> (300).
/// </summary>
public sealed class WorkflowSweepService(
    LeadershipDataSource leaders, NpgsqlDataSource dataSource, WorkflowQueries workflows, WorkflowRecords records, IServiceProvider services,
    TimeProvider clock, IConfiguration configuration, ILogger<WorkflowSweepService> logger) : LeaderJob(leaders, clock, logger)
{
    private const int Batch = 500;

    protected override string LockName => "crm.workflow-sweep";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Workflows:SweepIntervalSeconds", 300.0));

    protected override TimeSpan LeaderRetry { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Workflows:LeaderRetrySeconds", 5.0));

    // Without the outbox (Crm:Outbox:Disabled) there is nothing to hand runs to.
    protected override bool Enabled { get; } =
        configuration.GetValue("Crm:Workflows:SweepEnabled", true) && services.GetService<ISubscriptionOutbox>() is not null;

    /// <summary>One pass over every no_follow_up workflow; answers how many runs it handed on.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null)
    {
        var outbox = services.GetRequiredService<ISubscriptionOutbox>();
        var sent = 0;
        foreach (var workflow in await workflows.ListAsync(Crm.Events.WorkflowTriggers.NoFollowUp, ct))
        {
            while (true)
            {
                if (stillLeading is not null) await stillLeading(ct);
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var claimed = await records.ClaimQuietAsync(workflow, Clock.GetUtcNow(), Batch, tx, ct);
                var batch = await outbox.BeginAsync(tx, ct);
                foreach (var run in claimed) await batch.SendAsync(run.RunId, run, null, ct);
                await batch.SaveAsync(ct);
                await tx.CommitAsync(ct);
                await batch.FlushAsync();
                sent += claimed.Count;
                if (claimed.Count < Batch) break;
            }
        }
        return sent;
    }
}
