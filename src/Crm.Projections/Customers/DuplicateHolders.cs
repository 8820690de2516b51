using Npgsql;

namespace Crm.Projections.Customers;

/// <summary>Who holds a duplicate candidate: its kind, its owner (null in a pool) and whether the viewer is on its team (customers only).</summary>
public sealed record DuplicateHolder(Guid Id, string Kind, Guid? OwnerId, bool ViewerOnTeam);

/// <summary>
/// What the masking of duplicate candidates needs to know of each candidate, for every candidate in
/// one query: a candidate not (yet, or no longer) in the read models is absent from the answer.
/// </summary>
public sealed class DuplicateHolders(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyDictionary<Guid, DuplicateHolder>> OfAsync(IReadOnlyCollection<Guid> ids, Guid viewer, CancellationToken ct = default)
    {
        var found = new Dictionary<Guid, DuplicateHolder>();
        if (ids.Count == 0) return found;
        await using var cmd = dataSource.CreateCommand(
            """
            select c.id, 'customer' as kind, c.owner_id,
                   exists (select 1 from crm.customer_team t where t.customer_id = c.id and t.user_id = @viewer) as on_team
              from crm.customers c where c.id = any(@ids)
            union all select l.id, 'lead', l.owner_id, false from crm.leads l where l.id = any(@ids)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("viewer", viewer));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var (id, kind, owner, onTeam) = (reader.GetOrdinal("id"), reader.GetOrdinal("kind"), reader.GetOrdinal("owner_id"), reader.GetOrdinal("on_team"));
        while (await reader.ReadAsync(ct))
        {
            var holder = new DuplicateHolder(reader.GetGuid(id), reader.GetString(kind), reader.IsDBNull(owner) ? null : reader.GetGuid(owner),
                reader.GetBoolean(onTeam));
            found[holder.Id] = holder;
        }
        return found;
    }
}
