using Crm.Host.Platform;
using Crm.Projections.Org;

namespace Crm.Host.Org;

/// <summary>
/// The signed-in user's time zone (an IANA id, UTC until they set one), read once per request: the workbench's days, the bucket each
/// task answer carries, and the calendar's default display zone. Retried like a read-back, so a write already committed is never
/// answered 500 because this read met a passing database error.
/// </summary>
public sealed class CallerZones(UserQueries users, DatabaseRetry retry)
{
    private const string ItemKey = "Crm.CallerZone";

    public async Task<string> OfAsync(HttpContext http, Guid userId, CancellationToken ct)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is string zone) return zone;
        zone = await retry.ReadBacks.ExecuteAsync(async t => await users.TimeZoneOfAsync(userId, t), ct);
        http.Items[ItemKey] = zone;
        return zone;
    }
}
