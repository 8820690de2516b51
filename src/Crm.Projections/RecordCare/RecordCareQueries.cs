using Crm.Projections.Customers;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.RecordCare;

/// <summary>An archived or merged record (crm.record_care).</summary>
public sealed record RecordCareRow(Guid RecordId, string RecordKind, DateTimeOffset? ArchivedAt, string? Reason, Guid? MergedInto, DateTimeOffset? MergedAt);

/// <summary>Reads for record care (SET-4): a record's archive or merge, the clean-up's candidates, what a merge must not leave behind.</summary>
public sealed class RecordCareQueries(NpgsqlDataSource dataSource)
{
    public async Task<RecordCareRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "select record_id, record_kind, archived_at, reason, merged_into, merged_at from crm.record_care where record_id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var r = new RowReader(reader);
        return new RecordCareRow(r.Id("record_id"), r.Text("record_kind"), r.TimeOrNull("archived_at"), r.TextOrNull("reason"),
            r.IdOrNull("merged_into"), r.TimeOrNull("merged_at"));
    }

    /// <summary>The record <paramref name="id"/> was merged into, or null (in <paramref name="tx"/> when given: an append guard's read).</summary>
    public async Task<Guid?> MergedIntoAsync(Guid id, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        const string Sql = "select merged_into from crm.record_care where record_id = @id and merged_into is not null";
        await using var cmd = connection is null ? dataSource.CreateCommand(Sql) : new NpgsqlCommand(Sql, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return await cmd.ExecuteScalarAsync(ct) is Guid survivor ? survivor : null;
    }

    /// <summary>Which of <paramref name="ids"/> were merged into another record.</summary>
    public async Task<IReadOnlySet<Guid>> MergedAsync(Guid[] ids, CancellationToken ct = default)
    {
        var merged = new HashSet<Guid>();
        if (ids.Length == 0) return merged;
        await using var cmd = dataSource.CreateCommand("select record_id from crm.record_care where record_id = any(@ids) and merged_into is not null");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) merged.Add(reader.GetGuid(0));
        return merged;
    }

    /// <summary>The tasks linked to the record ("kind:id" in crm.tasks.related_keys): a merge moves their links to the survivor.</summary>
    public async Task<IReadOnlyList<Guid>> LinkedTaskIdsAsync(string key, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select id from crm.tasks where related_keys @> array[@key]::text[] order by id");
        cmd.Parameters.Add(new NpgsqlParameter<string>("key", key));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Whether the customer has opportunities or contracts (a merge does not move deals yet).</summary>
    public Task<bool> HasDealsAsync(Guid customerId, CancellationToken ct = default) => HasDealsAsync(customerId, null, null, ct);

    /// <summary>The same look on a given connection, inside an append's transaction (the merge's re-check under its lock).</summary>
    public async Task<bool> HasDealsAsync(Guid customerId, NpgsqlConnection? connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        cmd.CommandText = "select exists (select 1 from crm.opportunities where customer_id = @id) "
            + "or exists (select 1 from crm.contracts where customer_id = @id)";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", customerId));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Customers in <paramref name="scope"/> (owner in scope or the viewer on the team) unchanged since <paramref name="before"/>, not
    /// archived nor merged, least recently changed first: the clean-up's candidates.
    /// </summary>
    public Task<Page<CustomerRow>> ArchiveCandidatesAsync(OwnerScope scope, Guid? viewerId, DateTimeOffset before, int limit, string? cursor,
        CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, CustomerQueries.Source,
            $"{CustomerQueries.ScopeSql} and c.updated_at < @before and not exists (select 1 from crm.record_care k where k.record_id = c.id)",
            p =>
            {
                KeysetList.AddOwnerScope(p, scope, viewerId);
                p.Add(new NpgsqlParameter<DateTimeOffset>("before", before));
            },
            new ListSort("updatedAt", false), null, null, limit, cursor, ct);
}
