using Crm.Host.Notifications;
using Crm.Write.Integrations;

namespace Crm.Host.Integrations;

/// <summary>
/// The integration webhooks' sending side: the retry schedule (Crm:Webhooks:RetryBaseSeconds, doubled per attempt, at most
/// Crm:Webhooks:MaxAttempts attempts; defaults 30 s and 8: 30 s, 1 min, 2 min … about an hour in all) and the shared signed-POST client
/// (<see cref="WebhookClient"/>) under this module's address rule (<see cref="WebhookTargets"/>, Crm:Webhooks:AllowedNetworks).
/// </summary>
public sealed class WebhookDeliverySettings(TimeSpan retryBase, int maxAttempts, WebhookTargets targets) : IDisposable
{
    public TimeSpan RetryBase { get; } = retryBase;

    public int MaxAttempts { get; } = maxAttempts;

    public WebhookClient Client { get; } = new(targets.Refuses);

    public static WebhookDeliverySettings Read(IConfiguration configuration, WebhookTargets targets) => new(
        TimeSpan.FromSeconds(configuration.GetValue("Crm:Webhooks:RetryBaseSeconds", 30.0)),
        Math.Clamp(configuration.GetValue("Crm:Webhooks:MaxAttempts", 8), 1, 20), targets);

    /// <summary>The wait after a failed attempt: the base, doubled per attempt already made, at most six hours.</summary>
    public TimeSpan DelayAfter(int attempt) => TimeSpan.FromSeconds(Math.Min(RetryBase.TotalSeconds * Math.Pow(2, attempt - 1), 6 * 3600));

    public void Dispose() => Client.Dispose();
}
