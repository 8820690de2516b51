using System.Globalization;
using System.Threading.RateLimiting;

namespace Crm.Host.Auth;

/// <summary>
/// Limits sign-in attempts per mobile number and per client address (fixed windows), so passwords
/// cannot be guessed at speed. Checked inside the endpoint because the mobile number is in the body,
/// which the rate-limiting middleware cannot see. Limits: Crm:Auth:LoginAttemptsPerMobile (5) and
/// Crm:Auth:LoginAttemptsPerAddress (30) per Crm:Auth:LoginWindowSeconds (60).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> byMobile;
    private readonly PartitionedRateLimiter<string> byAddress;

    public LoginThrottle(IConfiguration configuration)
    {
        var window = TimeSpan.FromSeconds(configuration.GetValue("Crm:Auth:LoginWindowSeconds", 60));
        byMobile = Limiter(configuration.GetValue("Crm:Auth:LoginAttemptsPerMobile", 5), window);
        byAddress = Limiter(configuration.GetValue("Crm:Auth:LoginAttemptsPerAddress", 30), window);
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));

    /// <summary>Takes one attempt; when refused, how long until the next one is allowed.</summary>
    public TimeSpan? TryAttempt(string mobile, string? address)
    {
        using var addressLease = byAddress.AttemptAcquire(address ?? "unknown");
        if (!addressLease.IsAcquired) return RetryAfter(addressLease);
        using var mobileLease = byMobile.AttemptAcquire(mobile);
        return mobileLease.IsAcquired ? null : RetryAfter(mobileLease);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60);

    public static string Seconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        byMobile.Dispose();
        byAddress.Dispose();
    }
}
