using System.Text.Json;
using Crm.EventStore;
using Crm.Projections.Org;
using Npgsql;

namespace Crm.Write.Org;

/// <summary>The org-wide locks an org rule is guarded by, taken inside the append's own transaction.</summary>
public static class OrgLocks
{
    /// <summary>The department tree and the positions in it (no cycle, nothing put into a department being deleted).</summary>
    public const string Tree = "org:tree";

    /// <summary>The user directory (unique mobile, superior chain, the last super administrator, the first one, role and position holders).</summary>
    public const string Users = "org:users";

    /// <summary>Role names (unique among live roles).</summary>
    public const string RoleNames = "org:role-names";
}

/// <summary>
/// The facts one org command decides on, read now for the decision and again by its append guard inside
/// the append's transaction, after the guard's locks: when they differ (another command committed a
/// change the decision did not see) nothing is written and the command decides again on fresh facts.
/// Two commands that could each pass a rule alone and break it together therefore serialize on the lock,
/// and each holds one pooled connection, never a second one for a session lock.
/// </summary>
public sealed class OrgCheck<TFacts>(NpgsqlDataSource dataSource, Func<OrgFacts, CancellationToken, Task<TFacts>> read, params string[] locks)
{
    private static readonly JsonSerializerOptions Compare = new() { IncludeFields = true };
    private string? seen;

    /// <summary>The facts now; the guard compares the facts at append time with the last ones read here.</summary>
    public async Task<TFacts> ReadAsync(CancellationToken ct)
    {
        var facts = await read(OrgFacts.Now(dataSource), ct);
        seen = JsonSerializer.Serialize(facts, Compare);
        return facts;
    }

    public AppendGuard Guard => new(locks, async (connection, tx, ct) =>
        JsonSerializer.Serialize(await read(OrgFacts.Within(connection, tx), ct), Compare) == seen);
}
