using Crm.EventStore.Daemon;
using Crm.Projections;

namespace Crm.Host.Daemon;

public static class DaemonSetup
{
    /// <summary>
    /// Runs the async projections and the subscriptions in this host; the daemon's advisory locks keep one leader per projection across hosts.
    /// </summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ProjectionDaemon(
            sp.GetRequiredService<EventStore.EventStore>(),
            // Without an outbox (Crm:Outbox:Disabled, a measurement) no subscription runs.
            [
                .. CrmProjections.Async(),
                .. sp.GetService<EventStore.Subscriptions.ISubscriptionOutbox>() is { } outbox ? CrmProjections.Subscriptions(outbox) : [],
            ],
            new DaemonOptions
            {
                LeaderDataSource = sp.GetRequiredService<Platform.LeadershipDataSource>().DataSource,
                ShadowRebuild = new EventStore.Rebuilds.ShadowRebuildOptions { InSwap = Projections.Access.AccessVersionProjection.BumpAsync },
            },
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProjectionDaemon>()));
        services.AddHostedService<ProjectionDaemonService>();
        return services;
    }
}
