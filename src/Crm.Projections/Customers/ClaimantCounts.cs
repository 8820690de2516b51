using System.Globalization;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>
/// How many customers a claimant owns, for the pool's claim limit (CUS-6): read before the decision,
/// and again inside the claim's append transaction under the claimant's lock (the re-check that keeps
/// parallel claims by one user from all slipping under the limit).
/// </summary>
public sealed class ClaimantCounts(NpgsqlDataSource dataSource)
{
    public Task<int> OwnedAsync(Guid ownerId, CancellationToken ct = default) => OwnedAsync(ownerId, null, null, ct);

    /// <summary>The same count on a given connection, inside an append's transaction.</summary>
    public async Task<int> OwnedAsync(Guid ownerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select count(*) from crm.customers where owner_id = @owner";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", ownerId));
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
