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
            [.. CrmProjections.Async(), .. CrmProjections.Subscriptions(sp.GetRequiredService<EventStore.Subscriptions.ISubscriptionOutbox>())],
            new DaemonOptions { LeaderDataSource = sp.GetRequiredService<Platform.LeadershipDataSource>().DataSource },
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProjectionDaemon>()));
        services.AddHostedService<ProjectionDaemonService>();
        return services;
    }
}
