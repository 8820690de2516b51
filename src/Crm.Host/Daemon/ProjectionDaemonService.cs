using Crm.EventStore.Daemon;

namespace Crm.Host.Daemon;

/// <summary>Starts the projection daemon with the host and stops it (checkpoints committed) on shutdown.</summary>
public sealed class ProjectionDaemonService(ProjectionDaemon daemon) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => daemon.StartAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await daemon.StopAsync();
        await base.StopAsync(cancellationToken);
    }
}
