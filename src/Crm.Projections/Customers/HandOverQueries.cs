using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>The records a disabled user still owns, for the hand-over to another user (ORG-3).</summary>
public sealed class HandOverQueries(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyList<Guid>> CustomersOwnedByAsync(Guid owner, CancellationToken ct = default) =>
        IdsAsync("select id from crm.customers where owner_id = @owner order by id", owner, ct);

    public Task<IReadOnlyList<Guid>> ContactsOwnedByAsync(Guid owner, CancellationToken ct = default) =>
        IdsAsync("select id from crm.contacts where owner_id = @owner order by id", owner, ct);

    /// <summary>Open opportunities only: a closed deal stays with the one who closed it, as its history and the figures say.</summary>
    public Task<IReadOnlyList<Guid>> OpenOpportunitiesOwnedByAsync(Guid owner, CancellationToken ct = default) =>
        IdsAsync("select id from crm.opportunities where owner_id = @owner and outcome = 'open' order by id", owner, ct);

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, Guid owner, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }
}
