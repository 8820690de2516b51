using Crm.Host.Platform;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Serializes user writes across hosts. Several user rules span streams: a mobile number is unique
/// among users, the superior chain has no cycle, at least one enabled super administrator remains,
/// and the first administrator is created once. Two writes could each pass such a check alone and
/// break it together; user writes are rare, so one lock over load → decide → append is cheap. The
/// inline projection commits with the append, so the next write's lookups see it.
/// </summary>
public static class UserDirectoryLock
{
    private const long Key = 0x4352_4D5F_5553_52; // "CRM_USR"

    public static Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken ct) =>
        AdvisoryLock.AcquireAsync(dataSource, Key, ct);
}
