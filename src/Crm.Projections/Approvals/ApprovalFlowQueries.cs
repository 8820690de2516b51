using Npgsql;

namespace Crm.Projections.Approvals;

/// <summary>Reads of approval flows: one, all (optionally of one record kind), and the enabled one of a kind.</summary>
public sealed class ApprovalFlowQueries(NpgsqlDataSource dataSource)
{
    public async Task<ApprovalFlowRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ApprovalFlowSql.Binder.SelectList} from crm.approval_flows where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return await SingleAsync(cmd, ct);
    }

    /// <summary>Every flow, by record kind, enabled first, then by name.</summary>
    public async Task<IReadOnlyList<ApprovalFlowRow>> ListAsync(string? recordKind, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {ApprovalFlowSql.Binder.SelectList} from crm.approval_flows
            where (@kind::text is null or record_kind = @kind)
            order by record_kind, enabled desc, lower(name), id
            """);
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)recordKind ?? DBNull.Value });
        var rows = new List<ApprovalFlowRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(ApprovalFlowSql.Binder.Read(reader));
        return rows;
    }

    /// <summary>The enabled flow of the record kind, if any (as of the last commit).</summary>
    public async Task<ApprovalFlowRow?> EnabledAsync(string recordKind, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(EnabledSql);
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", recordKind));
        return await SingleAsync(cmd, ct);
    }

    /// <summary>The id of the enabled flow of the kind, read inside an append's transaction (after its advisory lock on the kind).</summary>
    public static async Task<Guid?> EnabledIdAsync(string recordKind, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select id from crm.approval_flows where record_kind = @kind and enabled order by id limit 1", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", recordKind));
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    /// <summary>
    /// The transaction-scoped advisory lock an <c>AppendGuard</c> takes for <paramref name="name"/> (the same hash as the event
    /// store's guard locks), for a guard that learns the name only after the stream is loaded.
    /// </summary>
    public static async Task LockKindAsync(string name, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended(@name, 4242))", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", name));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private const string EnabledSql = "select id, record_kind, name, steps::text as steps, enabled, version, created_at, updated_at "
        + "from crm.approval_flows where record_kind = @kind and enabled order by id limit 1";

    private static async Task<ApprovalFlowRow?> SingleAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ApprovalFlowSql.Binder.Read(reader) : null;
    }
}
