using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crm.Host.Tests.Integrations;

/// <summary>
/// The host with loopback receivers allowed through the webhooks' allow-list (127.0.0.0/8 only: other private addresses stay refused),
/// retries a few hundredths of a second apart and three attempts, and a small request budget per API token.
/// </summary>
public sealed class IntegrationsHost : HostFixture
{
    public const int TokenBudget = 40;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Crm:Webhooks:AllowedNetworks", "127.0.0.0/8"), ("Crm:Webhooks:RetryBaseSeconds", "0.05"), ("Crm:Webhooks:MaxAttempts", "3"),
        ("Crm:ApiTokens:RequestsPerWindow", TokenBudget.ToString(CultureInfo.InvariantCulture)), ("Crm:ApiTokens:WindowSeconds", "3600"),
    ];
}

/// <summary>The webhook and API token routes as the tests call them.</summary>
public static class IntegrationApi
{
    public const string Webhooks = "/api/webhooks";
    public const string Tokens = "/api/api-tokens";

    public static Task<JsonElement> CreateWebhookAsync(this ApiCaller caller, string url, string[] eventTypes, object[]? filter = null) =>
        caller.CreatedAsync(Webhooks, new { name = "Hook " + Guid.NewGuid().ToString("N")[..6], url, eventTypes, conditions = filter });

    /// <summary>The webhook's deliveries once <paramref name="done"/> holds (the daemon and the outbox caught up between looks).</summary>
    public static async Task<JsonElement[]> DeliveriesWhenAsync(this HostFixture host, Guid webhookId, Func<JsonElement[], bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await host.CaughtUpAsync();
            var items = (await host.Admin.GetJsonAsync($"{Webhooks}/{webhookId}/deliveries")).GetProperty("items").EnumerateArray().ToArray();
            if (done(items) || DateTime.UtcNow > deadline) return items;
            await Task.Delay(50);
        }
    }

    /// <summary>Checks a delivery's signature as a receiver must: HMAC-SHA256 of "t.body" under the secret, compared in constant time.</summary>
    public static bool SignatureHolds(string? header, string body, string secret, TimeSpan tolerance)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)) return false;
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(long.Parse(t, CultureInfo.InvariantCulture));
        if (age.Duration() > tolerance) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    public static Task<JsonElement> CreateTokenAsync(this ApiCaller caller, string[] permissions, string dataScope = "all", int days = 30) =>
        caller.CreatedAsync(Tokens, new { name = "Token " + Guid.NewGuid().ToString("N")[..6], permissions, dataScope, expiresAt = DateTimeOffset.UtcNow.AddDays(days) });
}
