using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Payments;

/// <summary>A contract's stream version, read FOR SHARE in an append's transaction: a payment decided on the contract as it was.</summary>
public sealed class ContractVersions
{
    /// <summary>The stream's version (0: no such stream); the row stays share-locked until the append's transaction ends.</summary>
    public async Task<long> VersionForShareAsync(Guid contractId, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select version from es.streams where stream_id = @id for share", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = contractId });
        return await cmd.ExecuteScalarAsync(ct) is long version ? version : 0;
    }
}
