using Crm.Events;
using Crm.EventStore;
using Crm.EventStore.Projections;

namespace Crm.Projections.Access;

/// <summary>
/// Bumps org.access_version inline whenever an event that can change an access answer commits
/// (see 0007_org_access_version.sql). Every department, role and user event counts except the ones
/// listed as irrelevant, so an event type added later invalidates by default: a needless reload is
/// cheap, a missed one would leave a stale permission in force.
/// </summary>
public sealed class AccessVersionProjection : IProjection
{
    private static readonly string[] Prefixes = ["department.", "role.", "user."];

    // Changes no access answer depends on (names, contact data, passwords, positions, hand-overs, time zones).
    private static readonly HashSet<string> Irrelevant = new(StringComparer.Ordinal)
    {
        "department.renamed", "user.mobile-changed", "user.renamed", "user.gender-changed", "user.email-changed",
        "user.position-changed", "user.password-set", "user.records-handed-over", "user.time-zone-changed",
    };

    public string Name => "org.access_version";

    public IReadOnlyCollection<Type> EventTypes { get; } = EventCatalogue.All
        .Where(e => Prefixes.Any(p => e.Name.StartsWith(p, StringComparison.Ordinal)) && !Irrelevant.Contains(e.Name))
        .Select(e => e.Type).ToArray();

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await using var cmd = context.CreateCommand("update org.access_version set counter = counter + 1");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// In every blue/green swap's transaction (DaemonSetup): an org snapshot read in a repeatable-read transaction across a swap may
    /// hold a new table without its last rows; the bump makes every host load its snapshot again.
    /// </summary>
    public static async Task BumpAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand("update org.access_version set counter = counter + 1", connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // Never back to zero: a host holding a snapshot at counter n must see a different value after a rebuild.
    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("update org.access_version set counter = counter + 1");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
