using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Leads;

/// <summary>Reads of leads: detail, and lists within a data scope or of the lead pool.</summary>
public sealed class LeadQueries(NpgsqlDataSource dataSource)
{
    public async Task<LeadRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {LeadSql.Binder.SelectList} from crm.leads where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? LeadSql.Binder.Read(reader) : null;
    }

    private static readonly ListSource<LeadRow> Source = new(
        "crm.leads l", "l", LeadSql.Binder.SelectList, LeadSql.Binder.Read, ["name", "company", "phone", "email"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    public Task<Page<LeadRow>> ListAsync(LeadListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, request.Pool ? "l.owner_id is null" : "(@all or l.owner_id = any(@owners))",
            p => KeysetList.AddOwnerScope(p, request.Scope, null),
            request.Sort, request.Filter, request.Q, request.Limit, request.Cursor, ct);

    /// <summary>The number of leads the list would page through (includeTotal=true).</summary>
    public Task<long> CountAsync(LeadListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, request.Pool ? "l.owner_id is null" : "(@all or l.owner_id = any(@owners))",
            p => KeysetList.AddOwnerScope(p, request.Scope, null), request.Filter, request.Q, ct);

    /// <summary>The ids of the user's open (not converted) leads, in id order: what a hand-over moves (ORG-3).</summary>
    public async Task<IReadOnlyList<Guid>> OpenLeadsOfAsync(Guid ownerId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select id from crm.leads where owner_id = @owner and converted_customer_id is null order by id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", ownerId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct)) ids.Add(new RowReader(reader).Id("id"));
        return ids;
    }
}
