using Crm.Projections.Access;
using Crm.Write.Access;
using Npgsql;

namespace Crm.Host.Access;

/// <summary>
/// Builds the org snapshot from the rows <see cref="OrgSnapshotQueries"/> reads at one moment (the rows
/// and their counter in one repeatable-read transaction, so a snapshot is never tagged newer than its contents).
/// </summary>
public sealed class OrgSnapshotLoader(NpgsqlDataSource dataSource)
{
    private readonly OrgSnapshotQueries queries = new(dataSource);

    /// <summary>The counter alone: one indexed single-row read, what each request pays when nothing changed.</summary>
    public Task<long> CurrentVersionAsync(CancellationToken ct) => queries.CurrentVersionAsync(ct);

    public async Task<OrgSnapshot> LoadAsync(CancellationToken ct) => (await queries.LoadAsync(ct)).ToSnapshot();
}
