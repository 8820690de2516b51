using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>A customer's deals as CUS-7's recycling rules and the customer's detail read them.</summary>
public sealed class CustomerDeals(NpgsqlDataSource dataSource)
{
    /// <summary>When the customer last won an opportunity that is still won; null: never.</summary>
    public Task<DateTimeOffset?> LastDealAtAsync(Guid customerId, CancellationToken ct = default) => LastDealAtAsync(customerId, null, null, ct);

    /// <summary>
    /// The same inside an append's transaction, after every deal in flight has committed: SHARE mode waits for the
    /// transactions inserting deals (a win whose row is written but not yet committed would be invisible to a plain read)
    /// and holds new ones back until this transaction ends — a few milliseconds, for a recycling, which is rare.
    /// </summary>
    public async Task<DateTimeOffset?> LastDealAtSettledAsync(
        Guid customerId, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        await using (var lockDeals = new NpgsqlCommand("lock table crm.customer_deals in share mode", connection, tx))
            await lockDeals.ExecuteNonQueryAsync(ct);
        return await LastDealAtAsync(customerId, connection, tx, ct);
    }

    /// <summary>The same, on a given connection (inside an append's transaction, to see deals committed since the decision).</summary>
    public async Task<DateTimeOffset?> LastDealAtAsync(Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct = default)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select max(won_at) from crm.customer_deals where customer_id = @customer";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        return await cmd.ExecuteScalarAsync(ct) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }
}
