using Crm.Events.Org;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Org;

/// <summary>
/// org.departments, inline: it commits with the department's events, so a client reads its own
/// writes and the handler's cycle check sees every committed move.
/// </summary>
public sealed class DepartmentsProjection : SingleStreamProjection<DepartmentRow>
{
    public override string Name => "org.departments";

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(DepartmentCreated), typeof(DepartmentRenamed), typeof(DepartmentMoved), typeof(DepartmentDeleted)];

    protected override DepartmentRow? Evolve(DepartmentRow? current, Guid key, StoredEvent e) => DepartmentRow.Evolve(current, e);

    protected override async Task<IReadOnlyDictionary<Guid, DepartmentRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {DepartmentSql.Columns} from org.departments where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, DepartmentRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = DepartmentSql.Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, DepartmentRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into org.departments (id, name, parent_id, version, created_at, updated_at) values (@id, @name, @parent, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, parent_id = excluded.parent_id, version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", doc.Name));
        cmd.Parameters.Add(new NpgsqlParameter("parent", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)doc.ParentId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", doc.Version));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from org.departments where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate org.departments");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
