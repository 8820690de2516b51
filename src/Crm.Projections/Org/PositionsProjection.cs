using Crm.Events.Org;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;

namespace Crm.Projections.Org;

/// <summary>org.positions, inline: the cycle and "still in use" checks see every committed change.</summary>
public sealed class PositionsProjection : SingleStreamProjection<PositionRow>
{
    public override string Name => "org.positions";

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(PositionCreated), typeof(PositionRenamed), typeof(PositionDepartmentChanged), typeof(PositionSuperiorChanged), typeof(PositionDeleted)];

    protected override PositionRow? Evolve(PositionRow? current, Guid key, StoredEvent e) => PositionRow.Evolve(current, e);

    protected override async Task<IReadOnlyDictionary<Guid, PositionRow>> LoadAsync(IReadOnlyCollection<Guid> keys, ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand($"select {PositionSql.Columns} from org.positions where id = any(@ids)");
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", keys.ToArray()));
        var rows = new Dictionary<Guid, PositionRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = PositionSql.Read(reader);
            rows[row.Id] = row;
        }
        return rows;
    }

    protected override void Upsert(NpgsqlBatch batch, Guid key, PositionRow doc)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into org.positions (id, name, department_id, superior_position_id, version, created_at, updated_at)
            values (@id, @name, @department, @superior, @version, @created, @updated)
            on conflict (id) do update set name = excluded.name, department_id = excluded.department_id,
                superior_position_id = excluded.superior_position_id, version = excluded.version, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        cmd.Parameters.Add(new NpgsqlParameter<string>("name", doc.Name));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("department", doc.DepartmentId));
        cmd.Parameters.Add(new NpgsqlParameter("superior", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)doc.SuperiorPositionId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<long>("version", doc.Version));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created", doc.CreatedAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated", doc.UpdatedAt));
        batch.BatchCommands.Add(cmd);
    }

    protected override void Delete(NpgsqlBatch batch, Guid key)
    {
        var cmd = new NpgsqlBatchCommand("delete from org.positions where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", key));
        batch.BatchCommands.Add(cmd);
    }

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate org.positions");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
