using Npgsql;

namespace Crm.Projections.Leads;

/// <summary>Reads of leads. Lists with filters follow the customer list's pattern once the lead endpoints exist.</summary>
public sealed class LeadQueries(NpgsqlDataSource dataSource)
{
    public async Task<LeadRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {LeadsProjection.Columns} from crm.leads where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? LeadsProjection.Read(reader) : null;
    }
}
