using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Tables;

/// <summary>
/// A single-stream projection kept as one table row per stream: loading the touched rows, the upsert,
/// the delete and the reset are written once here from the table, its key column and the row binder.
/// A subclass says only which events it handles and how a row evolves.
/// </summary>
public abstract class TableProjection<TRow>(string table, RowBinder<TRow> binder) : SingleStreamProjection<TRow>
    where TRow : class
{
    private string? upsert;

    public override IReadOnlyList<string> Tables { get; } = [table];

    protected override async Task<IReadOnlyDictionary<Guid, TRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {binder.SelectList} from {table} where {binder.Key} = any(@keys)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("keys", keys.ToArray()));
        var rows = new Dictionary<Guid, TRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new RowReader(reader);
            rows[row.Id(binder.Key)] = binder.Read(row);
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, TRow doc)
    {
        var cmd = new NpgsqlBatchCommand(upsert ??= UpsertSql(table, binder));
        binder.Write(doc, new RowValues(cmd.Parameters));
        // A column the binder forgot would otherwise surface as a database error on some later event.
        if (cmd.Parameters.Count != binder.Columns.Count)
            throw new InvalidOperationException($"The {table} binder bound {cmd.Parameters.Count} of {binder.Columns.Count} columns.");
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand($"delete from {table} where {binder.Key} = @key");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("key", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"truncate {table}");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string UpsertSql(string table, RowBinder<TRow> binder)
    {
        var updated = binder.Columns.Where(c => !binder.InsertOnly.Contains(c)).Select(c => $"{c} = excluded.{c}");
        return $"insert into {table} ({string.Join(", ", binder.Columns)}) values ({string.Join(", ", binder.Columns.Select(c => "@" + c))}) "
            + $"on conflict ({binder.Key}) do update set {string.Join(", ", updated)}";
    }
}
