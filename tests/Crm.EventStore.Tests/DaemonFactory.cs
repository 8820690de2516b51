using Crm.EventStore.Daemon;
using Crm.EventStore.Projections;

namespace Crm.EventStore.Tests;

internal static class DaemonFactory
{
    /// <summary>Short intervals so take-over and polling happen within a test's patience.</summary>
    public static DaemonOptions FastOptions { get; } = new()
    {
        BatchSize = 50,
        RebuildBatchSize = 500,
        PollInterval = TimeSpan.FromMilliseconds(100),
        LeaderRetryInterval = TimeSpan.FromMilliseconds(200),
        MaxAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        PoisonLimit = 3,
        StandDownInterval = TimeSpan.FromMilliseconds(300),
    };

    public static ProjectionDaemon Create(EventStore store, params IProjection[] projections) => new(store, projections, FastOptions);

    public static ProjectionDaemon Create(EventStore store, DaemonOptions options, params IProjection[] projections) => new(store, projections, options);
}
