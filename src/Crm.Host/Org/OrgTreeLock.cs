using Crm.Host.Platform;
using Npgsql;

namespace Crm.Host.Org;

/// <summary>
/// Serializes moves across the whole org tree, across hosts. The cycle check reads the tree, and two
/// moves of different departments (A under B, B under A) each pass it alone yet together close a
/// cycle; per-stream optimistic concurrency cannot see that. Moves are rare, so one session-level
/// advisory lock held over load → decide → append is cheap; the inline projection commits with the
/// append, so the next move sees the tree as it now is.
/// </summary>
public static class OrgTreeLock
{
    private const long TreeKey = 0x4352_4D5F_4F52_47; // "CRM_ORG"

    /// <summary>Serializes role creates and renames, so two roles cannot both pass the unique-name check.</summary>
    public const long RoleNamesKey = 0x4352_4D5F_524F_4C; // "CRM_ROL"

    public static Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken ct, long key = TreeKey) =>
        AdvisoryLock.AcquireAsync(dataSource, key, ct);
}
